package io.oversight.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The owner's figures as Micrometer gauges {@code oversight.*} for {@code /actuator/prometheus}.
 * A scheduled snapshot recomputes them over the last {@code oversight.metrics.snapshot-window}
 * (24 h) every {@code oversight.metrics.refresh-interval} (30 s); a scrape only reads the last
 * snapshot. Until the first snapshot, and after a failed one, gauges keep their last value
 * (NaN before the first).
 */
@Component
class MetricsSnapshot {

    private static final Logger log = LoggerFactory.getLogger(MetricsSnapshot.class);
    private static final String WINDOW = " (last 24 h by default; oversight.metrics.snapshot-window)";

    private final OwnerMetrics metrics;
    private final MetricsProperties properties;
    private final AtomicReference<OversightMetrics> last = new AtomicReference<>();
    private final Timer duration;
    private final List<KeyedGauge> perKey;

    MetricsSnapshot(OwnerMetrics metrics, MetricsProperties properties, MeterRegistry registry) {
        this.metrics = metrics;
        this.properties = properties;
        this.duration = Timer.builder("oversight.metrics.snapshot").description("Time to compute the snapshot")
                .register(registry);
        gauge(registry, "oversight.proposals", "Proposals created", m -> m.proposals());
        gauge(registry, "oversight.escalated", "Proposals escalated to a person", m -> m.escalated());
        gauge(registry, "oversight.escalation.rate", "Escalated / proposals", OversightMetrics::escalationRate);
        gauge(registry, "oversight.override.rate", "Human decisions that edited, rejected or vetoed",
                OversightMetrics::overrideRate);
        gauge(registry, "oversight.edit.rate", "Human decisions that edited", OversightMetrics::editRate);
        gauge(registry, "oversight.rejection.rate", "Human decisions that rejected or vetoed",
                OversightMetrics::rejectionRate);
        gauge(registry, "oversight.false.escalation.rate", "Escalations a person approved unchanged",
                OversightMetrics::falseEscalationRate);
        gauge(registry, "oversight.missed.escalation.rate", "Post-action audits that found a missed escalation",
                OversightMetrics::missedEscalationRate);
        gauge(registry, "oversight.qa.incidents", "QA verdicts QUALITY_ISSUE or SHOULD_HAVE_ESCALATED",
                m -> m.qaIncidents());
        gauge(registry, "oversight.reviewer.agreement", "Blind reviews that agreed with the first decision",
                m -> orNaN(m.reviewerAgreement()));
        timeGauges(registry);
        this.perKey = KeyedGauge.all(registry);
    }

    @Scheduled(fixedDelayString = "${oversight.metrics.refresh-interval:30s}",
            initialDelayString = "${oversight.metrics.initial-delay:1s}")
    void refresh() {
        try {
            OversightMetrics snapshot = duration.recordCallable(() ->
                    metrics.compute(MetricsWindow.last(properties.snapshotWindow(), metrics.now())));
            last.set(snapshot);
            perKey.forEach(gauge -> gauge.update(snapshot));
        } catch (DataAccessException e) {
            log.warn("Oversight metrics snapshot failed; gauges keep their last values: {}", e.getMessage());
        } catch (Exception e) {
            log.error("Oversight metrics snapshot failed", e);
        }
    }

    OversightMetrics last() {
        return last.get();
    }

    private void timeGauges(MeterRegistry registry) {
        gauge(registry, "oversight.approval.time.seconds.avg", "Average approval time of escalations by a person",
                m -> orNaN(m.approvalTimeSeconds().avg()));
        quantile(registry, "oversight.approval.time.seconds", "0.5", m -> m.approvalTimeSeconds().p50());
        quantile(registry, "oversight.approval.time.seconds", "0.9", m -> m.approvalTimeSeconds().p90());
        gauge(registry, "oversight.customer.wait.seconds.avg", "Average customer wait for a decided escalation",
                m -> orNaN(m.customerWaitSeconds().avg()));
        quantile(registry, "oversight.customer.wait.seconds", "0.9", m -> m.customerWaitSeconds().p90());
    }

    private void quantile(MeterRegistry registry, String name, String quantile, Function<OversightMetrics, Double> value) {
        Gauge.builder(name, last, ref -> ref.get() == null ? Double.NaN : orNaN(value.apply(ref.get())))
                .description("Quantile of the snapshot's times in seconds" + WINDOW).tag("quantile", quantile)
                .baseUnit("seconds").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<OversightMetrics> value) {
        Gauge.builder(name, last, ref -> ref.get() == null ? Double.NaN : value.applyAsDouble(ref.get()))
                .description(description + WINDOW).register(registry);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
