package io.oversight.metrics;

import io.oversight.metrics.ReasonQueries.Decided;
import io.oversight.metrics.ReasonQueries.Grouping;
import io.oversight.metrics.ReasonQueries.Key;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's analysis (CONTRACT §3, "Owner's analysis"): figures per reason, per retrieved source
 * and per time bucket, from grouped SQL aggregates in one repeatable-read transaction each.
 */
@Service
class OwnerAnalysis {

    private static final Decided NOT_DECIDED = new Decided(0, 0, 0, 0, 0, null, null);
    private static final SeriesQueries.Submitted NOT_SUBMITTED = new SeriesQueries.Submitted(0, 0);
    private static final SeriesQueries.Decided NOTHING_DECIDED = new SeriesQueries.Decided(0, 0, 0, 0, null, null, null);
    private static final SeriesQueries.Audited NOT_AUDITED = new SeriesQueries.Audited(0, 0);

    private final ReasonQueries reasons;
    private final SourceQueries sources;
    private final SeriesQueries series;

    OwnerAnalysis(ReasonQueries reasons, SourceQueries sources, SeriesQueries series) {
        this.reasons = reasons;
        this.sources = sources;
        this.series = series;
    }

    /** One row per reason (and version, when grouped so) that was escalated, decided or missed in the window. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<ReasonFigures> reasons(MetricsWindow window, Grouping grouping) {
        Map<Key, Long> escalated = reasons.escalated(window, grouping);
        Map<Key, Decided> decided = reasons.decided(window, grouping);
        Map<Key, Long> missed = reasons.missedByQa(window, grouping);
        TreeSet<Key> keys = new TreeSet<>(Key.ORDER);
        keys.addAll(escalated.keySet());
        keys.addAll(decided.keySet());
        keys.addAll(missed.keySet());
        return keys.stream().map(key -> {
            Decided d = decided.getOrDefault(key, NOT_DECIDED);
            return new ReasonFigures(key.reason(), key.ruleVersion(), escalated.getOrDefault(key, 0L), d.decided(),
                    d.approvedUnchanged(), d.edited(), d.rejected(), d.takenOver(),
                    Ratios.rate(d.edited() + d.rejected(), d.decided()), Ratios.rate(d.approvedUnchanged(), d.decided()),
                    Quantiles.ofMillis(d.p50(), d.p90()), missed.getOrDefault(key, 0L));
        }).toList();
    }

    @Transactional(readOnly = true)
    public List<SourceFigures> sources(MetricsWindow window, long minDecided, int limit) {
        return sources.worstFirst(window, minDecided, limit);
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Series series(MetricsWindow window, Bucket bucket) {
        int count = bucket.count(window);
        Map<Integer, SeriesQueries.Submitted> submitted = series.submissions(window, bucket.length);
        Map<Integer, SeriesQueries.Decided> decided = series.decisions(window, bucket.length);
        Map<Integer, SeriesQueries.Audited> audited = series.audits(window, bucket.length);
        Map<String, Long> open = new TreeMap<>(series.openAtStart(window));
        Map<Integer, Map<String, Long>> changes = series.openingsLessClosings(window, bucket.length);
        changes.values().forEach(change -> change.keySet().forEach(queue -> open.putIfAbsent(queue, 0L)));

        List<Series.Point> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant from = window.from().plus(bucket.length.multipliedBy(i));
            Instant to = i == count - 1 ? window.to() : from.plus(bucket.length);
            changes.getOrDefault(i, Map.of()).forEach((queue, change) -> open.merge(queue, change, Long::sum));
            points.add(point(from, to, submitted.getOrDefault(i, NOT_SUBMITTED), decided.getOrDefault(i, NOTHING_DECIDED),
                    audited.getOrDefault(i, NOT_AUDITED), new LinkedHashMap<>(open)));
        }
        return new Series(bucket.label(), window.from(), window.to(), points);
    }

    private static Series.Point point(Instant from, Instant to, SeriesQueries.Submitted s, SeriesQueries.Decided d,
            SeriesQueries.Audited qa, Map<String, Long> open) {
        return new Series.Point(from, to, s.proposals(), s.escalated(), Ratios.rate(s.escalated(), s.proposals()),
                Ratios.rate(d.overrides(), d.human()), Ratios.rate(d.approvedUnchanged(), d.humanOnEscalations()),
                Ratios.rate(qa.missed(), qa.audits()), Quantiles.ofMillis(d.approvalP50(), d.approvalP90()),
                new Series.Wait(Ratios.seconds(d.waitP90())), open);
    }
}
