package io.oversight.metrics;

import static io.oversight.metrics.WindowQueries.HUMAN;
import static io.oversight.metrics.WindowQueries.bounds;

import io.oversight.qa.QaSampling;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One workflow's decisions, audits and submissions in a window; each an indexed range of (workflow, time). */
@Repository
class ReadinessQueries {

    record Figures(long proposals, long decisions, long overrides, long audits, long missed) {}

    private final JdbcClient jdbc;

    ReadinessQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Workflows with proposals created in the window, or a policy of their own, by name. */
    List<String> workflows(MetricsWindow window) {
        return jdbc.sql("""
                select workflow from ovs_proposal where created_at >= :from and created_at < :to group by workflow
                union select workflow from ovs_policy where workflow <> 'default'
                order by workflow""")
                .params(bounds(window)).query(String.class).list();
    }

    Figures of(String workflow, MetricsWindow window) {
        long proposals = jdbc.sql("""
                select count(*) from ovs_proposal where workflow = :workflow and created_at >= :from and created_at < :to""")
                .params(bounds(window)).param("workflow", workflow).query(Long.class).single();
        record Decisions(long decisions, long overrides) {}
        Decisions decisions = jdbc.sql("""
                select count(*) as decisions, count(*) filter (where decision in ('EDIT', 'REJECT', 'VETO')) as overrides
                from ovs_proposal where workflow = :workflow and decided_at >= :from and decided_at < :to and %s"""
                .formatted(HUMAN))
                .params(bounds(window)).param("workflow", workflow)
                .query((rs, n) -> new Decisions(rs.getLong("decisions"), rs.getLong("overrides"))).single();
        record Audits(long audits, long missed) {}
        Audits audits = jdbc.sql("""
                select count(*) as audits, count(*) filter (where qa_verdict = 'SHOULD_HAVE_ESCALATED') as missed
                from ovs_proposal where workflow = :workflow and qa_at >= :from and qa_at < :to and qa_kind = :audit""")
                .params(bounds(window)).param("workflow", workflow).param("audit", QaSampling.POST_ACTION_AUDIT)
                .query((rs, n) -> new Audits(rs.getLong("audits"), rs.getLong("missed"))).single();
        return new Figures(proposals, decisions.decisions(), decisions.overrides(), audits.audits(), audits.missed());
    }
}
