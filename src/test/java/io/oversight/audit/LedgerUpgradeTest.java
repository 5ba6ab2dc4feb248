package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.audit.Verification.BrokenEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A ledger written before it was keyed (schema up to V6, plain SHA-256 entries) still verifies after
 * the upgrade; new entries are keyed and chained to the old ones, which they then protect.
 */
class LedgerUpgradeTest {

    private DataSource database;
    private JdbcClient jdbc;
    private AuditLedger audit;
    private LedgerVerifier verifier;
    private LedgerCheckpoints checkpoints;
    private AuditProperties properties;
    private LedgerEntry first;
    private LedgerEntry second;

    @BeforeEach
    void ledgerWrittenBeforeTheUpgrade() {
        database = new DriverManagerDataSource("jdbc:h2:mem:ledger-upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway.configure().dataSource(database).target("6").load().migrate();
        jdbc = JdbcClient.create(database);
        first = unkeyed(1, LedgerHash.GENESIS, "lena");
        second = unkeyed(2, first.hash(), "quinn");
        for (LedgerEntry e : List.of(first, second)) {
            jdbc.sql("insert into ovs_audit_event (shard, seq, proposal_id, occurred_at, type, actor, details, prev_hash, hash) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(e.shard(), e.seq(), e.proposalId(), e.occurredAt().atOffset(ZoneOffset.UTC), e.type(), e.actor(),
                            e.details(), e.prevHash(), e.hash())
                    .update();
        }
        jdbc.sql("update ovs_ledger_head set last_seq = 2, last_hash = ? where shard = 0").param(second.hash()).update();

        Flyway.configure().dataSource(database).load().migrate();
        properties = new AuditProperties(16, 100, TestKeys.SECRET, List.of(),
                Path.of("target/ledger-checkpoints/upgrade-" + UUID.randomUUID() + ".jsonl"), Duration.ofMinutes(1));
        node();
    }

    /** The ledger's components as a node (re)started on this database has them. */
    private void node() {
        var transactions = new DataSourceTransactionManager(database);
        var shards = new LedgerShards(jdbc, properties, transactions);
        var reader = new LedgerReader(jdbc, database, properties, transactions);
        checkpoints = new LedgerCheckpoints(reader, shards, TestKeys.KEYS, properties, new ObjectMapper());
        verifier = new LedgerVerifier(reader, shards, TestKeys.KEYS, checkpoints);
        var appender = new LedgerAppender(new JdbcTemplate(database), shards, TestKeys.KEYS, transactions,
                new SimpleMeterRegistry());
        audit = new AuditLedger(new ObjectMapper(), shards, appender);
    }

    @Test
    void replacingTheLedgersIdBreaksEveryKeyedEntryRatherThanHidingItsCheckpoints() {
        audit.record(null, AuditEventType.POLICY_CHANGED, "admin", Map.of("mode", "PAUSED"));
        assertThat(checkpoints.checkpoint()).isPresent();
        jdbc.sql("update ovs_ledger_setting set setting_value = ? where name = 'ledger-id'")
                .param(UUID.randomUUID().toString()).update();

        node();
        Verification verification = verifier.verify();

        long thirdId = jdbc.sql("select id from ovs_audit_event where shard = 0 and seq = 3").query(Long.class).single();
        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBrokenEntry()).isEqualTo(new BrokenEntry(thirdId, 0, 3, "hash mismatch"));
    }

    @Test
    void theMigrationSetsTheLegacyBoundaryAtTheHeadsOfTheDay() {
        assertThat(jdbc.sql("select shard, last_seq from ovs_ledger_legacy").query((rs, n) -> rs.getInt(1) + ":" + rs.getLong(2))
                .list()).containsExactly("0:2");
    }

    @Test
    void oldEntriesVerifyAndNewOnesAreKeyedAndChainedToThem() {
        assertThat(verifier.verify().valid()).isTrue();

        audit.record(null, AuditEventType.POLICY_CHANGED, "admin", Map.of("mode", "PAUSED"));

        LedgerEntry third = jdbc.sql("select " + LedgerEntry.COLUMNS + " from ovs_audit_event where seq = 3 and shard = 0")
                .query(LedgerEntry::read).single();
        assertThat(third.keyId()).isEqualTo(TestKeys.SECRET_ID);
        assertThat(third.prevHash()).isEqualTo(second.hash());
        Verification verification = verifier.verify();
        assertThat(verification.valid()).isTrue();
        assertThat(verification.entries()).isEqualTo(3);
    }

    @Test
    void oldEntriesRewrittenWithTheirHashesRecomputedBreakTheFirstKeyedEntry() {
        audit.record(null, AuditEventType.POLICY_CHANGED, "admin", Map.of("mode", "PAUSED"));
        LedgerEntry forgedFirst = unkeyed(1, LedgerHash.GENESIS, "mallory");
        LedgerEntry forgedSecond = unkeyed(2, forgedFirst.hash(), "quinn");
        rewrite(forgedFirst);
        rewrite(forgedSecond);

        Verification verification = verifier.verify();

        long thirdId = jdbc.sql("select id from ovs_audit_event where shard = 0 and seq = 3").query(Long.class).single();
        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBrokenEntry()).isEqualTo(new BrokenEntry(thirdId, 0, 3, "broken link to previous entry"));
    }

    @Test
    void oldEntriesWithNothingAfterThemAreHeldByTheirCheckpoint() {
        assertThat(checkpoints.checkpoint()).isPresent();
        LedgerEntry forgedFirst = unkeyed(1, LedgerHash.GENESIS, "mallory");
        LedgerEntry forgedSecond = unkeyed(2, forgedFirst.hash(), "quinn");
        rewrite(forgedFirst);
        rewrite(forgedSecond);
        jdbc.sql("update ovs_ledger_head set last_hash = ? where shard = 0").param(forgedSecond.hash()).update();

        Verification verification = verifier.verify();

        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBrokenEntry().seq()).isEqualTo(2);
        assertThat(verification.firstBrokenEntry().reason()).isEqualTo("entry differs from its checkpoint");
    }

    private void rewrite(LedgerEntry e) {
        jdbc.sql("update ovs_audit_event set actor = ?, prev_hash = ?, hash = ? where shard = ? and seq = ?")
                .params(e.actor(), e.prevHash(), e.hash(), e.shard(), e.seq()).update();
    }

    private static LedgerEntry unkeyed(long seq, String prev, String actor) {
        var unsealed = new LedgerEntry(null, 0, seq, null, Instant.parse("2026-06-01T08:00:00Z").plusSeconds(seq),
                "POLICY_CHANGED", actor, "{\"mode\":\"EXCEPTIONS_ONLY\"}", prev, null, null);
        return new LedgerEntry(null, 0, seq, null, unsealed.occurredAt(), unsealed.type(), actor, unsealed.details(), prev,
                LedgerHash.unkeyed(unsealed), null);
    }
}
