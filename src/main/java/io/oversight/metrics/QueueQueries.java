package io.oversight.metrics;

import static io.oversight.metrics.WindowQueries.HUMAN;
import static io.oversight.metrics.WindowQueries.bounds;
import static io.oversight.metrics.WindowQueries.utc;

import io.oversight.escalation.AgentProposalProcess;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The queues' figures: open work now (by status), SLA breaches of the window's escalations, and
 * who holds open review tasks now (Camunda's runtime task table, grouped in SQL).
 */
@Repository
class QueueQueries {

    static final String OPEN = "status in ('PENDING_REVIEW', 'AWAITING_INFORMATION')";

    record OpenWork(long open, Instant oldestCreatedAt) {}

    private final JdbcClient jdbc;

    QueueQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Open proposals per queue now, with the creation time of the oldest. */
    Map<String, OpenWork> openWork() {
        Map<String, OpenWork> open = new TreeMap<>();
        jdbc.sql("""
                select queue, count(*) as open, min(created_at) as oldest from ovs_proposal
                where %s and queue is not null group by queue""".formatted(OPEN))
                .query(rs -> {
                    open.put(rs.getString("queue"), new OpenWork(rs.getLong("open"),
                            rs.getObject("oldest", OffsetDateTime.class).toInstant()));
                });
        return open;
    }

    /**
     * Per queue, of the escalated proposals created in the window: how many breached their SLA —
     * decided by a person after due_at, or still open past due_at now. Every queue with an
     * escalation in the window is in the answer, with 0 when none breached.
     */
    Map<String, Long> slaBreaches(MetricsWindow window, Instant now) {
        Map<String, Long> breaches = new TreeMap<>();
        jdbc.sql("""
                select queue, count(*) filter (where (%1$s and due_at < :now)
                    or (decided_at > due_at and %2$s)) as breached
                from ovs_proposal
                where created_at >= :from and created_at < :to and escalated and queue is not null
                group by queue""".formatted(OPEN, HUMAN))
                .params(bounds(window)).param("now", utc(now))
                .query(rs -> {
                    breaches.put(rs.getString("queue"), rs.getLong("breached"));
                });
        return breaches;
    }

    /** Open review tasks of the agent-proposal process per assignee, now. */
    Map<String, Long> openTasksByAssignee() {
        Map<String, Long> open = new TreeMap<>();
        jdbc.sql("""
                select t.assignee_ as assignee, count(*) as open
                from act_ru_task t join act_re_procdef d on d.id_ = t.proc_def_id_
                where d.key_ = :key and t.assignee_ is not null
                group by t.assignee_""")
                .param("key", AgentProposalProcess.KEY)
                .query(rs -> {
                    open.put(rs.getString("assignee"), rs.getLong("open"));
                });
        return open;
    }
}
