package io.oversight.proposal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes proposals. Every status change goes through {@link #update}, which publishes a
 * {@link ProposalChanged} event (delivered after commit) for long polls and webhooks.
 */
@Repository
public class ProposalStore {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    ProposalStore(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public void insert(ProposalRecord r) {
        jdbc.sql("""
                insert into ovs_proposal (id, agent_id, idempotency_key, body_hash, type, workflow, channel, status,
                  escalated, body, reasons, review, customer_message, outcome, created_at, updated_at, created_ms)
                values (:id, :agentId, :key, :hash, :type, :workflow, :channel, :status,
                  :escalated, :body, :reasons, :review, :customerMessage, :outcome, :createdAt, :updatedAt, :createdMs)
                """)
                .param("id", r.id()).param("agentId", r.agentId()).param("key", r.idempotencyKey())
                .param("hash", r.bodyHash()).param("type", r.type().name()).param("workflow", r.workflow())
                .param("channel", r.channel()).param("status", r.status().name()).param("escalated", r.escalated())
                .param("body", r.body()).param("reasons", r.reasons()).param("review", r.review())
                .param("customerMessage", r.customerMessage()).param("outcome", r.outcome())
                .param("createdAt", utc(r.createdAt())).param("updatedAt", utc(r.updatedAt())).param("createdMs", r.createdAt().toEpochMilli())
                .update();
    }

    public Optional<ProposalRecord> find(String id) {
        return jdbc.sql("select * from ovs_proposal where id = ?").param(id).query(ProposalStore::map).optional();
    }

    public Optional<ProposalRecord> findByKey(String agentId, String idempotencyKey) {
        return jdbc.sql("select * from ovs_proposal where agent_id = ? and idempotency_key = ?")
                .params(agentId, idempotencyKey).query(ProposalStore::map).optional();
    }

    /** Current status of each of the given proposals, for long polls watching across nodes. */
    public Map<String, ProposalStatus> statuses(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select id, status from ovs_proposal where id in (:ids)").param("ids", ids)
                .query((rs, n) -> Map.entry(rs.getString("id"), ProposalStatus.valueOf(rs.getString("status"))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Applies a change to the document parts; parts left null in the change stay as they are. */
    public void update(String id, ProposalChange change) {
        Map<String, Object> sets = new LinkedHashMap<>();
        if (change.status() != null) sets.put("status", change.status().name());
        if (change.escalated() != null) sets.put("escalated", change.escalated());
        if (change.reasons() != null) sets.put("reasons", change.reasons());
        if (change.review() != null) sets.put("review", change.review());
        if (change.queue() != null) sets.put("queue", change.queue());
        if (change.decidedAt() != null) {
            sets.put("decided_at", utc(change.decidedAt()));
            sets.put("decided_ms", change.decidedAt().toEpochMilli());
        }
        if (change.dueAt() != null) sets.put("due_at", utc(change.dueAt()));
        if (change.decision() != null) sets.put("decision", change.decision());
        if (change.decidedBy() != null) sets.put("decided_by", change.decidedBy());
        if (change.decidedGroup() != null) sets.put("decided_group", change.decidedGroup());
        if (change.customerMessage() != null || change.clearCustomerMessage()) {
            sets.put("customer_message", change.customerMessage());
        }
        if (change.outcome() != null || change.clearOutcome()) sets.put("outcome", change.outcome());
        sets.put("updated_at", utc(Instant.now()));
        String assignments = sets.keySet().stream().map(c -> c + " = :" + c).collect(Collectors.joining(", "));
        var statement = jdbc.sql("update ovs_proposal set " + assignments + " where id = :id").param("id", id);
        for (var set : sets.entrySet()) {
            statement = statement.param(set.getKey(), set.getValue());
        }
        if (statement.update() != 1) {
            throw new IllegalStateException("No proposal " + id);
        }
        events.publishEvent(new ProposalChanged(id, change.status(), change.customerMessage()));
    }

    public List<ProposalRecord> findAll(int limit) {
        return jdbc.sql("select * from ovs_proposal order by created_at limit :limit").param("limit", limit)
                .query(ProposalStore::map).list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static ProposalRecord map(ResultSet rs, int rowNum) throws SQLException {
        return new ProposalRecord(rs.getString("id"), rs.getString("agent_id"), rs.getString("idempotency_key"),
                rs.getString("body_hash"), ProposalType.valueOf(rs.getString("type")), rs.getString("workflow"),
                rs.getString("channel"), ProposalStatus.valueOf(rs.getString("status")), rs.getBoolean("escalated"),
                rs.getString("body"), rs.getString("reasons"), rs.getString("review"),
                rs.getString("customer_message"), rs.getString("outcome"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
