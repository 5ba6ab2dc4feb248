package io.oversight.metrics;

import io.oversight.qa.QaSampling;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The window's figures as SQL aggregates over {@code ovs_proposal}, one indexed range scan each:
 * submissions by {@code created_at}, decisions by {@code decided_at}, QA by {@code qa_at}. Plain
 * SQL that runs the same on H2 2.3 and PostgreSQL ({@code filter (where …)}, {@code percentile_cont}).
 */
@Repository
class WindowQueries {

    /** A final decision taken by a person: system deciders are "system:escalationRules", "system:veto-window". */
    static final String HUMAN = "decided_by not like 'system%'";

    record Submissions(long proposals, long escalated) {}

    /** Counts of human decisions, and created → decided in milliseconds (null when there was none). */
    record Decisions(long human, long edits, long rejections, long humanOnEscalations, long approvedUnchanged,
            Double approvalAvg, Double approvalP50, Double approvalP90, Double waitAvg, Double waitP90) {}

    record QaReviews(long audits, long missed, long incidents, long blindReviews, long agreed) {}

    private final JdbcClient jdbc;

    WindowQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Submissions submissions(MetricsWindow window) {
        return jdbc.sql("""
                select count(*) as proposals, count(*) filter (where escalated) as escalated
                from ovs_proposal where created_at >= :from and created_at < :to""")
                .params(bounds(window))
                .query((rs, n) -> new Submissions(rs.getLong("proposals"), rs.getLong("escalated"))).single();
    }

    Decisions decisions(MetricsWindow window) {
        String human = HUMAN;
        return jdbc.sql("""
                select count(*) filter (where %1$s) as human,
                  count(*) filter (where %1$s and decision = 'EDIT') as edits,
                  count(*) filter (where %1$s and decision in ('REJECT', 'VETO')) as rejections,
                  count(*) filter (where %1$s and escalated) as human_escalated,
                  count(*) filter (where %1$s and escalated and decision = 'APPROVE') as approved_unchanged,
                  avg(wait) filter (where %1$s and escalated) as approval_avg,
                  percentile_cont(0.5) within group (order by wait) filter (where %1$s and escalated) as approval_p50,
                  percentile_cont(0.9) within group (order by wait) filter (where %1$s and escalated) as approval_p90,
                  avg(wait) filter (where escalated) as wait_avg,
                  percentile_cont(0.9) within group (order by wait) filter (where escalated) as wait_p90
                from (select decided_by, decision, escalated,
                        cast(decided_ms - created_ms as double precision) as wait
                      from ovs_proposal where decided_at >= :from and decided_at < :to) decided""".formatted(human))
                .params(bounds(window))
                .query((rs, n) -> new Decisions(rs.getLong("human"), rs.getLong("edits"), rs.getLong("rejections"),
                        rs.getLong("human_escalated"), rs.getLong("approved_unchanged"), number(rs, "approval_avg"),
                        number(rs, "approval_p50"), number(rs, "approval_p90"), number(rs, "wait_avg"),
                        number(rs, "wait_p90")))
                .single();
    }

    /** Escalated actions a person approved (as proposed or edited), by the group they decided for. */
    Map<String, Long> sensitiveActionsApprovedByRole(MetricsWindow window) {
        Map<String, Long> byGroup = new TreeMap<>();
        jdbc.sql("""
                select coalesce(decided_group, 'unknown') as decided_for, count(*) as approved
                from ovs_proposal
                where decided_at >= :from and decided_at < :to and escalated and type = 'ACTION'
                  and decision in ('APPROVE', 'EDIT') and %s
                group by coalesce(decided_group, 'unknown')""".formatted(HUMAN))
                .params(bounds(window))
                .query(rs -> {
                    byGroup.put(rs.getString("decided_for"), rs.getLong("approved"));
                });
        return byGroup;
    }

    /** Final decisions per person in the window. */
    Map<String, Long> decidedByReviewer(MetricsWindow window) {
        Map<String, Long> decided = new TreeMap<>();
        jdbc.sql("""
                select decided_by, count(*) as decided from ovs_proposal
                where decided_at >= :from and decided_at < :to and %s
                group by decided_by""".formatted(HUMAN))
                .params(bounds(window))
                .query(rs -> {
                    decided.put(rs.getString("decided_by"), rs.getLong("decided"));
                });
        return decided;
    }

    QaReviews qaReviews(MetricsWindow window) {
        return jdbc.sql("""
                select count(*) filter (where qa_kind = :audit) as audits,
                  count(*) filter (where qa_kind = :audit and qa_verdict = 'SHOULD_HAVE_ESCALATED') as missed,
                  count(*) filter (where qa_verdict in ('QUALITY_ISSUE', 'SHOULD_HAVE_ESCALATED')) as incidents,
                  count(*) filter (where qa_kind = :blind) as blind_reviews,
                  count(*) filter (where qa_kind = :blind
                    and blind_decision = case when decision = 'VETO' then 'REJECT' else decision end) as agreed
                from ovs_proposal where qa_at >= :from and qa_at < :to""")
                .params(bounds(window))
                .param("audit", QaSampling.POST_ACTION_AUDIT).param("blind", QaSampling.BLIND_REVIEW)
                .query((rs, n) -> new QaReviews(rs.getLong("audits"), rs.getLong("missed"), rs.getLong("incidents"),
                        rs.getLong("blind_reviews"), rs.getLong("agreed")))
                .single();
    }

    static Map<String, Object> bounds(MetricsWindow window) {
        return Map.of("from", utc(window.from()), "to", utc(window.to()));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A numeric aggregate as double: H2 answers NUMERIC or DECFLOAT, PostgreSQL double precision. */
    static Double number(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : ((Number) value).doubleValue();
    }
}
