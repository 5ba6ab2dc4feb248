package io.oversight.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The end of one shard's chain: its last seq and hash (seq 0 and the genesis hash when empty). */
record LedgerHead(int shard, long lastSeq, String lastHash) {

    static LedgerHead empty(int shard) {
        return new LedgerHead(shard, 0, LedgerHash.GENESIS);
    }

    static LedgerHead read(ResultSet rs, int rowNum) throws SQLException {
        return new LedgerHead(rs.getInt("shard"), rs.getLong("last_seq"), rs.getString("last_hash"));
    }
}
