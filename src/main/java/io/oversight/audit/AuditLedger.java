package io.oversight.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only audit ledger: every event becomes an entry of its shard's hash chain, written in
 * the caller's transaction (the engine's, in a delegate or listener), so it commits or rolls back
 * with the change it describes. Without a caller's transaction it uses one of its own.
 *
 * <p>An append locks its shard's head row ({@code select ... for update}), inserts the entry with
 * the next seq and the head's hash as prev_hash, and moves the head. The lock is held until the
 * caller's transaction ends, so appends to one shard queue briefly and never fork the chain, while
 * appends to other shards (other proposals, other nodes) go on in parallel. A transaction should
 * record events of one proposal (plus, at most, policy events after them) so shards are always
 * locked in the same order. Entries are only ever inserted: no code path updates or deletes one.
 * Each entry is sealed with the ledger key ({@link LedgerKeys}, HMAC computed here, no extra round
 * trip); the heads are checkpointed outside the database in the background ({@link LedgerCheckpoints}).
 */
@Component
class AuditLedger implements AuditLog {

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final LedgerShards shards;
    private final LedgerKeys keys;
    private final TransactionTemplate callersOrOwn;
    private volatile LedgerKeys sealing;

    AuditLedger(JdbcClient jdbc, ObjectMapper mapper, LedgerShards shards, LedgerKeys keys,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.shards = shards;
        this.keys = keys;
        this.callersOrOwn = new TransactionTemplate(transactions);
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
        callersOrOwn.executeWithoutResult(status -> append(shard, proposalId, type.name(), actor, canonicalDetails));
    }

    /** This ledger's entry keys; its id is fixed once established, so they are derived once. */
    private LedgerKeys sealing() {
        LedgerKeys known = sealing;
        if (known == null) {
            known = keys.forLedger(shards.ledgerId());
            sealing = known;
        }
        return known;
    }

    private void append(int shard, String proposalId, String type, String actor, String details) {
        LedgerHead head = jdbc.sql("select shard, last_seq, last_hash from ovs_ledger_head where shard = ? for update")
                .param(shard).query(LedgerHead::read).optional()
                .orElseThrow(() -> new IllegalStateException("The audit ledger has no head for shard " + shard));
        // taken under the lock, so time never runs backwards along a shard's chain on one clock
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LedgerEntry entry = LedgerEntry.sealed(shard, head.lastSeq() + 1, proposalId, now, type, actor, details,
                head.lastHash(), sealing());
        jdbc.sql("""
                insert into ovs_audit_event (shard, seq, proposal_id, occurred_at, type, actor, details, prev_hash, hash, key_id)
                values (:shard, :seq, :proposalId, :occurredAt, :type, :actor, :details, :prevHash, :hash, :keyId)
                """)
                .param("shard", entry.shard()).param("seq", entry.seq()).param("proposalId", entry.proposalId())
                .param("occurredAt", entry.occurredAt().atOffset(ZoneOffset.UTC)).param("type", entry.type())
                .param("actor", entry.actor()).param("details", entry.details()).param("prevHash", entry.prevHash())
                .param("hash", entry.hash()).param("keyId", entry.keyId())
                .update();
        int moved = jdbc.sql("update ovs_ledger_head set last_seq = ?, last_hash = ? where shard = ? and last_seq = ?")
                .params(entry.seq(), entry.hash(), shard, head.lastSeq()).update();
        if (moved != 1) {
            throw new IllegalStateException("The head of audit shard " + shard + " moved under its lock");
        }
    }
}
