package io.oversight.metrics;

import static java.util.stream.Collectors.toMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A gauge with one time series per queue, group or reviewer. Each snapshot replaces the series:
 * a queue that has gone quiet disappears instead of reporting a stale number.
 */
record KeyedGauge(MultiGauge gauge, String tag, Function<OversightMetrics, Map<String, Long>> values) {

    private static final String WINDOW = " (over the snapshot window, last 24 h by default)";

    static List<KeyedGauge> all(MeterRegistry registry) {
        return List.of(
                of(registry, "oversight.queue.open", "Open proposals in the queue now", "queue",
                        m -> byQueue(m, OversightMetrics.QueueFigures::open)),
                of(registry, "oversight.queue.oldest.wait.seconds", "Wait of the oldest open proposal now", "queue",
                        m -> byQueue(m, OversightMetrics.QueueFigures::oldestWaitSeconds)),
                of(registry, "oversight.queue.sla.breached", "SLA breaches of the escalations" + WINDOW, "queue",
                        m -> byQueue(m, OversightMetrics.QueueFigures::slaBreached)),
                of(registry, "oversight.sensitive.actions.approved", "Escalated actions a person approved" + WINDOW,
                        "group", OversightMetrics::sensitiveActionsApprovedByRole),
                of(registry, "oversight.reviewer.decided", "Final decisions per person" + WINDOW, "reviewer",
                        m -> byReviewer(m, OversightMetrics.ReviewerLoad::decided)),
                of(registry, "oversight.reviewer.open", "Review tasks assigned to the person now", "reviewer",
                        m -> byReviewer(m, OversightMetrics.ReviewerLoad::open)));
    }

    void update(OversightMetrics snapshot) {
        List<MultiGauge.Row<?>> rows = values.apply(snapshot).entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of(tag, e.getKey()), e.getValue()))
                .toList();
        gauge.register(rows, true);
    }

    private static KeyedGauge of(MeterRegistry registry, String name, String description, String tag,
            Function<OversightMetrics, Map<String, Long>> values) {
        return new KeyedGauge(MultiGauge.builder(name).description(description).register(registry), tag, values);
    }

    private static Map<String, Long> byQueue(OversightMetrics m, Function<OversightMetrics.QueueFigures, Long> value) {
        return m.queues().stream().collect(toMap(OversightMetrics.QueueFigures::queue, value));
    }

    private static Map<String, Long> byReviewer(OversightMetrics m, Function<OversightMetrics.ReviewerLoad, Long> value) {
        return m.reviewerLoad().stream().collect(toMap(OversightMetrics.ReviewerLoad::reviewer, value));
    }
}
