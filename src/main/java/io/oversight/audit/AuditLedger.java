package io.oversight.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The append-only audit ledger: every event becomes an entry of its shard's hash chain, written in
 * the caller's transaction (the engine's, in a delegate or listener), so it commits or rolls back
 * with the change it describes. Without a caller's transaction it is written at once, in one of its own.
 *
 * <p>The events of one transaction (the three of a routine proposal, say) are collected and written
 * together just before it commits ({@link TransactionAppends}): per shard one head lock, one insert
 * batch and one head move ({@link LedgerAppender}), instead of one of each per event. The head lock is
 * held only from then until the commit, shards are locked in ascending order, and a shard's chain never
 * forks, on one node or many. Entries are only ever inserted: no code path updates or deletes one.
 * Each entry is sealed with the ledger key ({@link LedgerKeys}, HMAC computed here, no extra round
 * trip); the heads are checkpointed outside the database in the background ({@link LedgerCheckpoints}).
 * An event is not visible to reads before its transaction commits.
 */
@Component
class AuditLedger implements AuditLog {

    private final ObjectMapper mapper;
    private final LedgerShards shards;
    private final LedgerAppender appender;

    AuditLedger(ObjectMapper mapper, LedgerShards shards, LedgerAppender appender) {
        this.mapper = mapper;
        this.shards = shards;
        this.appender = appender;
    }

    @Override
    public void record(String proposalId, AuditEventType type, String actor, Map<String, Object> details) {
        if (type == null) {
            throw new IllegalArgumentException("An audit event needs a type");
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("An audit event needs an actor");
        }
        if (proposalId != null && proposalId.isBlank()) {
            throw new IllegalArgumentException("proposalId must be null or an id, not blank");
        }
        String canonicalDetails = CanonicalJson.write(mapper, details);
        int shard = shards.shardOf(proposalId);
        TransactionAppends.record(appender, new PendingEvent(shard, proposalId, type.name(), actor, canonicalDetails));
    }
}
