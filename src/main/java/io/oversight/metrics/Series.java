package io.oversight.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The headline figures per bucket ({@code GET /api/v1/metrics/series}): consecutive buckets of equal
 * length from {@code from}, the last one ending at {@code to}; empty buckets are present with zeros.
 * Each point's figures mean what they mean in {@link OversightMetrics} for the window of the point.
 */
public record Series(String bucket, Instant from, Instant to, List<Point> points) {

    /**
     * @param openByQueue escalations waiting in each queue at the end of the point (created before it, not decided
     *        before it), for every queue with open work at some point of the series
     */
    public record Point(
            Instant from,
            Instant to,
            long proposals,
            long escalated,
            double escalationRate,
            double overrideRate,
            double falseEscalationRate,
            double missedEscalationRate,
            Quantiles approvalTimeSeconds,
            Wait customerWaitSeconds,
            Map<String, Long> openByQueue) {}

    /** The 90th percentile of the customers' wait in seconds; null without decided escalations. */
    public record Wait(Double p90) {}
}
