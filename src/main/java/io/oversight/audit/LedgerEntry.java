package io.oversight.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One row of {@code ovs_audit_event}: an event and its place in its shard's hash chain. keyId names
 * the ledger key its hash is an HMAC under; null for entries written before the ledger was keyed.
 */
record LedgerEntry(Long id, int shard, long seq, String proposalId, Instant occurredAt, String type, String actor,
        String details, String prevHash, String hash, String keyId) {

    static final String COLUMNS = "id, shard, seq, proposal_id, occurred_at, type, actor, details, prev_hash, hash, key_id";

    /** A new entry, chained to {@code prevHash} and sealed with the current ledger key. */
    static LedgerEntry sealed(int shard, long seq, String proposalId, Instant occurredAt, String type, String actor,
            String details, String prevHash, LedgerKeys keys) {
        var unsealed = new LedgerEntry(null, shard, seq, proposalId, occurredAt, type, actor, details, prevHash, null,
                keys.currentId());
        return new LedgerEntry(null, shard, seq, proposalId, occurredAt, type, actor, details, prevHash,
                LedgerHash.sealed(unsealed, keys), keys.currentId());
    }

    boolean hashMatches(LedgerKeys keys) {
        return LedgerHash.matches(this, keys);
    }

    static LedgerEntry read(ResultSet rs, int rowNum) throws SQLException {
        return new LedgerEntry(rs.getLong("id"), rs.getInt("shard"), rs.getLong("seq"), rs.getString("proposal_id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("type"),
                rs.getString("actor"), rs.getString("details"), rs.getString("prev_hash"), rs.getString("hash"),
                rs.getString("key_id"));
    }
}
