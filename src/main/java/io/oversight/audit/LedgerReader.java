package io.oversight.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the ledger. Whole-ledger reads stream row by row with a fetch size, inside a read-only
 * transaction (PostgreSQL only uses a cursor, rather than loading the whole result, when not in
 * auto-commit), so verifying or exporting a large ledger holds one batch of rows at a time.
 */
@Component
class LedgerReader {

    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final TransactionTemplate readOnly;

    LedgerReader(JdbcClient jdbc, DataSource dataSource, AuditProperties properties,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        JdbcTemplate batched = new JdbcTemplate(dataSource);
        batched.setFetchSize(properties.fetchSize());
        this.streaming = JdbcClient.create(batched);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Runs whole-ledger reads in one read-only transaction, so their rows can be streamed. */
    <T> T inReadOnlyTransaction(Supplier<T> reads) {
        return readOnly.execute(status -> reads.get());
    }

    LedgerHead head(int shard) {
        return jdbc.sql("select shard, last_seq, last_hash from ovs_ledger_head where shard = ?").param(shard)
                .query(LedgerHead::read).optional().orElse(LedgerHead.empty(shard));
    }

    /** Every entry of one shard in chain order. */
    void eachOfShard(int shard, Consumer<LedgerEntry> consumer) {
        streaming.sql("select " + LedgerEntry.COLUMNS + " from ovs_audit_event where shard = ? order by seq")
                .param(shard)
                .query(each(consumer));
    }

    /** The entries of one shard with a seq in (afterSeq, uptoSeq], in chain order. */
    void eachOfShardBetween(int shard, long afterSeq, long uptoSeq, Consumer<LedgerEntry> consumer) {
        streaming.sql("select " + LedgerEntry.COLUMNS
                        + " from ovs_audit_event where shard = ? and seq > ? and seq <= ? order by seq")
                .params(shard, afterSeq, uptoSeq)
                .query(each(consumer));
    }

    /** Per shard, the last seq written unkeyed (shards absent: none). */
    Map<Integer, Long> legacyBoundaries() {
        Map<Integer, Long> boundaries = new HashMap<>();
        jdbc.sql("select shard, last_seq from ovs_ledger_legacy")
                .query(rs -> {
                    boundaries.put(rs.getInt("shard"), rs.getLong("last_seq"));
                });
        return boundaries;
    }

    /** Every entry that occurred in [from, to), oldest first. */
    void eachBetween(Instant from, Instant to, Consumer<LedgerEntry> consumer) {
        streaming.sql("select " + LedgerEntry.COLUMNS
                        + " from ovs_audit_event where occurred_at >= ? and occurred_at < ? order by occurred_at, id")
                .params(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
                .query(each(consumer));
    }

    /** One proposal's entries, oldest first: a trail is small enough to hold. */
    List<LedgerEntry> ofProposal(String proposalId) {
        return jdbc.sql("select " + LedgerEntry.COLUMNS
                        + " from ovs_audit_event where proposal_id = ? order by occurred_at, id")
                .param(proposalId).query(LedgerEntry::read).list();
    }

    private static RowCallbackHandler each(Consumer<LedgerEntry> consumer) {
        return rs -> consumer.accept(LedgerEntry.read(rs, 0));
    }
}
