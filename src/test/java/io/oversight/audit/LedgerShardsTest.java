package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The shard count is stored once per database; heads exist for every shard; the mapping is stable. */
class LedgerShardsTest {

    private DataSource database;
    private JdbcClient jdbc;

    @BeforeEach
    void freshDatabase() {
        database = new DriverManagerDataSource("jdbc:h2:mem:ledger-shards-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway.configure().dataSource(database).load().migrate();
        jdbc = JdbcClient.create(database);
    }

    @Test
    void firstNodeStoresItsShardCountAndSeedsMissingHeads() {
        assertThat(shards(32).count()).isEqualTo(32);

        assertThat(jdbc.sql("select setting_value from ovs_ledger_setting where name = 'shards'").query(String.class)
                .single()).isEqualTo("32");
        assertThat(jdbc.sql("select count(*) from ovs_ledger_head where last_seq = 0 and last_hash = ?")
                .param(LedgerHash.GENESIS).query(Integer.class).single()).isEqualTo(32);
        assertThat(shards(32).all()).containsExactlyElementsOf(IntStream.range(0, 32).boxed().toList());
    }

    @Test
    void defaultOfSixteenUsesTheMigratedHeads() {
        assertThat(shards(16).count()).isEqualTo(16);
        assertThat(shards(16).all()).hasSize(16);
    }

    @Test
    void theLedgerGetsOneIdThatEveryNodeReads() {
        String id = shards(16).ledgerId();

        assertThat(id).isNotBlank();
        assertThat(shards(16).ledgerId()).isEqualTo(id);
    }

    @Test
    void aNodeConfiguredWithAnotherCountIsRefused() {
        shards(16).count();

        assertThatThrownBy(() -> shards(8).count()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has 16 shards").hasMessageContaining("oversight.audit.shards=8");
    }

    @Test
    void eventsOfNoProposalGoToShardZeroAndProposalsSpreadStably() {
        LedgerShards shards = shards(16);
        LedgerShards sameDatabaseOtherNode = shards(16);
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            String id = UUID.randomUUID().toString();
            int shard = shards.shardOf(id);
            assertThat(shard).isBetween(0, 15).isEqualTo(sameDatabaseOtherNode.shardOf(id));
            used.add(shard);
        }

        assertThat(shards.shardOf(null)).isZero();
        assertThat(used).hasSize(16);
        // the first four bytes of SHA-256("p-1") are 0x1dee6e3e (computed outside Java), and 0x1dee6e3e mod 16 = 14
        assertThat(shards.shardOf("p-1")).isEqualTo(14);
    }

    private LedgerShards shards(int count) {
        return new LedgerShards(jdbc, new AuditProperties(count, 100, TestKeys.SECRET, List.of(),
                Path.of("target/ledger-checkpoints/shards.jsonl"), Duration.ofMinutes(1)), new DataSourceTransactionManager(database));
    }
}
