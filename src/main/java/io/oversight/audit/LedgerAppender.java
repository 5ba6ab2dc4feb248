package io.oversight.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes events into their shards' hash chains, one batch per shard: lock the shard's head row
 * ({@code select ... for update}), insert the batch's entries with the next seqs, each chained to the one
 * before, in one JDBC batch, and move the head once. Shards are locked in ascending order, so two writers
 * (threads or nodes) never wait on each other in a cycle. The lock is held until the transaction ends, so
 * a shard's chain never forks. Every entry of a batch gets the time taken under the lock, so time never
 * runs backwards along a chain on one clock. Entries are only ever inserted.
 */
@Component
class LedgerAppender {

    private static final String INSERT = """
            insert into ovs_audit_event (shard, seq, proposal_id, occurred_at, type, actor, details, prev_hash, hash, key_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final LedgerShards shards;
    private final LedgerKeys keys;
    private final TransactionTemplate callersOrOwn;
    private final TransactionTemplate own;
    private final Counter batches;
    private final Counter entries;
    private volatile LedgerKeys sealing;

    LedgerAppender(JdbcTemplate jdbc, LedgerShards shards, LedgerKeys keys, PlatformTransactionManager transactions,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.shards = shards;
        this.keys = keys;
        this.callersOrOwn = new TransactionTemplate(transactions);
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batches = Counter.builder("oversight.audit.ledger.batches")
                .description("Appends to a shard's chain (one lock, one insert batch, one head move)").register(meters);
        this.entries = Counter.builder("oversight.audit.ledger.entries")
                .description("Audit events written into the ledger").register(meters);
    }

    /** Writes the events in the caller's transaction, or in one of its own when there is none. */
    void append(List<PendingEvent> events) {
        callersOrOwn.executeWithoutResult(status -> write(events));
    }

    /** Writes the events in a transaction of their own (the caller's has already committed). */
    void appendInOwnTransaction(List<PendingEvent> events) {
        own.executeWithoutResult(status -> write(events));
    }

    private void write(List<PendingEvent> events) {
        SortedMap<Integer, List<PendingEvent>> byShard = new TreeMap<>();
        for (PendingEvent event : events) {
            byShard.computeIfAbsent(event.shard(), shard -> new ArrayList<>()).add(event);
        }
        byShard.forEach(this::writeShard);
    }

    private void writeShard(int shard, List<PendingEvent> events) {
        LedgerHead head = jdbc.query("select shard, last_seq, last_hash from ovs_ledger_head where shard = ? for update",
                        LedgerHead::read, shard).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("The audit ledger has no head for shard " + shard));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Object[]> rows = new ArrayList<>(events.size());
        long seq = head.lastSeq();
        String prevHash = head.lastHash();
        for (PendingEvent event : events) {
            seq++;
            LedgerEntry entry = LedgerEntry.sealed(shard, seq, event.proposalId(), now, event.type(), event.actor(),
                    event.details(), prevHash, sealing());
            rows.add(new Object[] {entry.shard(), entry.seq(), entry.proposalId(), now.atOffset(ZoneOffset.UTC),
                    entry.type(), entry.actor(), entry.details(), entry.prevHash(), entry.hash(), entry.keyId()});
            prevHash = entry.hash();
        }
        jdbc.batchUpdate(INSERT, rows);
        int moved = jdbc.update("update ovs_ledger_head set last_seq = ?, last_hash = ? where shard = ? and last_seq = ?",
                seq, prevHash, shard, head.lastSeq());
        if (moved != 1) {
            throw new IllegalStateException("The head of audit shard " + shard + " moved under its lock");
        }
        batches.increment();
        entries.increment(events.size());
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
}
