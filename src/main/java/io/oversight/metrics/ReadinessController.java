package io.oversight.metrics;

import io.oversight.metrics.Readiness.Thresholds;
import io.oversight.web.InvalidRequestException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/policies/{workflow}/readiness?from&to&minDecisions&maxOverrideRate}: whether the
 * workflow's reviews still change outcomes (default window: the last 7 days). Owners read it; changing
 * the policy stays a person's PUT.
 */
@RestController
class ReadinessController {

    private final WorkflowReadiness readiness;
    private final OwnerMetrics metrics;

    ReadinessController(WorkflowReadiness readiness, OwnerMetrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
    }

    @GetMapping("/api/v1/policies/{workflow}/readiness")
    Readiness readiness(@PathVariable String workflow, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String minDecisions,
            @RequestParam(required = false) String maxOverrideRate) {
        if (!workflow.matches("[a-z0-9][a-z0-9_-]{0,99}")) {
            throw InvalidRequestException.of("workflow", "must be a lower-case name of up to 100 characters");
        }
        return readiness.judge(workflow, MetricsWindow.of(from, to, metrics.now()), thresholds(minDecisions, maxOverrideRate));
    }

    /** The readiness of every workflow with proposals in the window or a policy of its own, by name. */
    @GetMapping("/api/v1/metrics/readiness")
    List<Readiness> everyWorkflow(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String minDecisions, @RequestParam(required = false) String maxOverrideRate) {
        return readiness.judgeAll(MetricsWindow.of(from, to, metrics.now()), thresholds(minDecisions, maxOverrideRate));
    }

    private Thresholds thresholds(String minDecisions, String maxOverrideRate) {
        Thresholds defaults = readiness.defaults();
        return new Thresholds(
                QueryParameters.wholeNumber("minDecisions", minDecisions, defaults.minDecisions(), 1, Integer.MAX_VALUE),
                QueryParameters.ratio("maxOverrideRate", maxOverrideRate, defaults.maxOverrideRate()));
    }
}
