package io.oversight.metrics;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/metrics?from=…&to=…}: oversight quality over a window (default: the last 7
 * days). Who may read it is the security chain's job: support-leads, qa and camunda-admin, with
 * HTTP Basic or a Cockpit session.
 */
@RestController
@RequestMapping("/api/v1/metrics")
class MetricsController {

    private final OwnerMetrics metrics;

    MetricsController(OwnerMetrics metrics) {
        this.metrics = metrics;
    }

    @GetMapping
    OversightMetrics metrics(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return metrics.compute(MetricsWindow.of(from, to, metrics.now()));
    }
}
