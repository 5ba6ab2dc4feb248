package io.oversight.metrics;

import io.oversight.metrics.ReasonQueries.Grouping;
import io.oversight.web.InvalidRequestException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner's analysis over a window {@code from}/{@code to} (default: the last 7 days), for
 * support-leads, qa and camunda-admin like {@code /api/v1/metrics}: which reasons and sources lead to
 * overrides, and how the headline figures move over time.
 */
@RestController
@RequestMapping("/api/v1/metrics")
class OwnerAnalysisController {

    static final int DEFAULT_MIN_DECIDED = 5;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 500;

    private final OwnerAnalysis analysis;
    private final OwnerMetrics metrics;

    OwnerAnalysisController(OwnerAnalysis analysis, OwnerMetrics metrics) {
        this.analysis = analysis;
        this.metrics = metrics;
    }

    /** Per reason code; {@code ruleVersion=N} keeps only escalations by that rules version, {@code groupBy=ruleVersion} splits rows by version. */
    @GetMapping("/reasons")
    List<ReasonFigures> reasons(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String ruleVersion, @RequestParam(required = false) String groupBy) {
        MetricsWindow window = MetricsWindow.of(from, to, metrics.now());
        Integer version = QueryParameters.wholeNumber("ruleVersion", ruleVersion, null, 1, Integer.MAX_VALUE);
        boolean byVersion = groupBy != null && !groupBy.isBlank();
        if (byVersion && !groupBy.strip().equals("ruleVersion")) {
            throw InvalidRequestException.of("groupBy", "must be ruleVersion (or absent: one row per reason)");
        }
        return analysis.reasons(window, new Grouping(byVersion, version));
    }

    /** Per retrieved source of decided escalations, worst first, with at least {@code minDecided} decisions. */
    @GetMapping("/sources")
    List<SourceFigures> sources(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String minDecided, @RequestParam(required = false) String limit) {
        MetricsWindow window = MetricsWindow.of(from, to, metrics.now());
        int min = QueryParameters.wholeNumber("minDecided", minDecided, DEFAULT_MIN_DECIDED, 1, Integer.MAX_VALUE);
        int rows = QueryParameters.wholeNumber("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        return analysis.sources(window, min, rows);
    }

    /** The headline figures per hour, day or week of the window. */
    @GetMapping("/series")
    Series series(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String bucket) {
        MetricsWindow window = MetricsWindow.of(from, to, metrics.now());
        return analysis.series(window, Bucket.of(bucket));
    }
}
