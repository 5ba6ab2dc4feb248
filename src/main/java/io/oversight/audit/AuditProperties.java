package io.oversight.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit ledger.
 *
 * @param shards             number of hash chains the ledger is split into, so appends for different
 *                           proposals do not queue behind one lock. Stored by the first node on a new
 *                           database and fixed from then on: a node configured otherwise refuses to start.
 * @param fetchSize          rows fetched per round trip when verifying or exporting, which stream the ledger
 * @param ledgerKey          the secret every entry is sealed with (HMAC-SHA256), at least 32 characters;
 *                           never stored in the database, the same on every node ({@link LedgerKeys})
 * @param retiredLedgerKeys  earlier ledger keys, kept so entries and checkpoints sealed with them still verify
 * @param checkpointFile     the append-only file the shard heads are checkpointed to, outside the database
 * @param checkpointInterval how often the heads are checkpointed ({@link LedgerCheckpoints})
 */
@ConfigurationProperties("oversight.audit")
record AuditProperties(@DefaultValue("16") int shards, @DefaultValue("500") int fetchSize, String ledgerKey,
        List<String> retiredLedgerKeys, @DefaultValue("./data/ledger-checkpoints.jsonl") Path checkpointFile,
        @DefaultValue("1m") Duration checkpointInterval) {

    static final int MAX_SHARDS = 1024;

    AuditProperties {
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("oversight.audit.shards must be between 1 and " + MAX_SHARDS);
        }
        if (fetchSize < 1) {
            throw new IllegalArgumentException("oversight.audit.fetch-size must be at least 1");
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("oversight.audit.checkpoint-interval must be positive");
        }
        retiredLedgerKeys = retiredLedgerKeys == null ? List.of() : List.copyOf(retiredLedgerKeys);
    }
}
