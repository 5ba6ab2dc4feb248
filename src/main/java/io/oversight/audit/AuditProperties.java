package io.oversight.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit ledger.
 *
 * @param shards    number of hash chains the ledger is split into, so appends for different
 *                  proposals do not queue behind one lock. Stored by the first node on a new
 *                  database and fixed from then on: a node configured otherwise refuses to start.
 * @param fetchSize rows fetched per round trip when verifying or exporting, which stream the ledger
 */
@ConfigurationProperties("oversight.audit")
record AuditProperties(@DefaultValue("16") int shards, @DefaultValue("500") int fetchSize) {

    static final int MAX_SHARDS = 1024;

    AuditProperties {
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("oversight.audit.shards must be between 1 and " + MAX_SHARDS);
        }
        if (fetchSize < 1) {
            throw new IllegalArgumentException("oversight.audit.fetch-size must be at least 1");
        }
    }
}
