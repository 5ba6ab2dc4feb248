package io.oversight.metrics;

import static io.oversight.metrics.WindowQueries.HUMAN;
import static io.oversight.metrics.WindowQueries.bounds;
import static io.oversight.metrics.WindowQueries.number;
import static io.oversight.metrics.WindowQueries.utc;

import io.oversight.qa.QaSampling;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The figures of {@link WindowQueries} grouped by bucket in SQL: a row's bucket is
 * {@code (time − from) / length} in epoch milliseconds (integer division), so one grouped range
 * scan per figure serves every bucket of the series.
 */
@Repository
class SeriesQueries {

    record Submitted(long proposals, long escalated) {}

    record Decided(long human, long overrides, long humanOnEscalations, long approvedUnchanged, Double approvalP50,
            Double approvalP90, Double waitP90) {}

    record Audited(long audits, long missed) {}

    private final JdbcClient jdbc;

    SeriesQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Integer, Submitted> submissions(MetricsWindow window, Duration bucket) {
        Map<Integer, Submitted> submitted = new HashMap<>();
        jdbc.sql("""
                select b, count(*) as proposals, count(*) filter (where escalated) as escalated
                from (select (created_ms - :fromMs) / :bucketMs as b, escalated from ovs_proposal
                      where created_at >= :from and created_at < :to) created
                group by b""")
                .params(params(window, bucket))
                .query(rs -> {
                    submitted.put(rs.getInt("b"), new Submitted(rs.getLong("proposals"), rs.getLong("escalated")));
                });
        return submitted;
    }

    Map<Integer, Decided> decisions(MetricsWindow window, Duration bucket) {
        Map<Integer, Decided> decided = new HashMap<>();
        jdbc.sql("""
                select b, count(*) filter (where %1$s) as human,
                  count(*) filter (where %1$s and decision in ('EDIT', 'REJECT', 'VETO')) as overrides,
                  count(*) filter (where %1$s and escalated) as human_escalated,
                  count(*) filter (where %1$s and escalated and decision = 'APPROVE') as approved_unchanged,
                  percentile_cont(0.5) within group (order by wait) filter (where %1$s and escalated) as approval_p50,
                  percentile_cont(0.9) within group (order by wait) filter (where %1$s and escalated) as approval_p90,
                  percentile_cont(0.9) within group (order by wait) filter (where escalated) as wait_p90
                from (select (decided_ms - :fromMs) / :bucketMs as b, decided_by, decision, escalated,
                        cast(decided_ms - created_ms as double precision) as wait
                      from ovs_proposal where decided_at >= :from and decided_at < :to) decided
                group by b""".formatted(HUMAN))
                .params(params(window, bucket))
                .query(rs -> {
                    decided.put(rs.getInt("b"), new Decided(rs.getLong("human"), rs.getLong("overrides"),
                            rs.getLong("human_escalated"), rs.getLong("approved_unchanged"), number(rs, "approval_p50"),
                            number(rs, "approval_p90"), number(rs, "wait_p90")));
                });
        return decided;
    }

    Map<Integer, Audited> audits(MetricsWindow window, Duration bucket) {
        Map<Integer, Audited> audited = new HashMap<>();
        jdbc.sql("""
                select b, count(*) as audits, count(*) filter (where qa_verdict = 'SHOULD_HAVE_ESCALATED') as missed
                from (select cast(floor((extract(epoch from qa_at) * 1000 - :fromMs) / :bucketMs) as bigint) as b,
                        qa_verdict
                      from ovs_proposal where qa_at >= :from and qa_at < :to and qa_kind = :audit) audited
                group by b""")
                .params(params(window, bucket)).param("audit", QaSampling.POST_ACTION_AUDIT)
                .query(rs -> {
                    audited.put(rs.getInt("b"), new Audited(rs.getLong("audits"), rs.getLong("missed")));
                });
        return audited;
    }

    /** Escalations open at the window's start per queue: created before it, not decided before it. */
    Map<String, Long> openAtStart(MetricsWindow window) {
        Map<String, Long> open = new TreeMap<>();
        jdbc.sql("""
                select queue, count(*) as open from ovs_proposal
                where escalated and created_at < :from and (decided_at is null or decided_at >= :from)
                  and queue is not null
                group by queue""")
                .param("from", utc(window.from()))
                .query(rs -> {
                    open.put(rs.getString("queue"), rs.getLong("open"));
                });
        return open;
    }

    /** Per bucket and queue: escalations created in it minus escalations decided in it. */
    Map<Integer, Map<String, Long>> openingsLessClosings(MetricsWindow window, Duration bucket) {
        Map<Integer, Map<String, Long>> change = new HashMap<>();
        for (String[] side : new String[][] {{"created", "1"}, {"decided", "-1"}}) {
            jdbc.sql("""
                    select b, queue, count(*) as n
                    from (select (%1$s_ms - :fromMs) / :bucketMs as b, queue from ovs_proposal
                          where escalated and %1$s_at >= :from and %1$s_at < :to and queue is not null) changed
                    group by b, queue""".formatted(side[0]))
                    .params(params(window, bucket))
                    .query(rs -> {
                        change.computeIfAbsent(rs.getInt("b"), b -> new TreeMap<>())
                                .merge(rs.getString("queue"), Long.parseLong(side[1]) * rs.getLong("n"), Long::sum);
                    });
        }
        return change;
    }

    private static Map<String, Object> params(MetricsWindow window, Duration bucket) {
        Map<String, Object> params = new HashMap<>(bounds(window));
        params.put("fromMs", window.from().toEpochMilli());
        params.put("bucketMs", bucket.toMillis());
        return params;
    }
}
