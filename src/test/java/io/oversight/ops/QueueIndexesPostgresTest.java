package io.oversight.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What the application applies to Camunda's tables at every start, on a real PostgreSQL: in a
 * schema of its own holding the columns of the engine tables concerned, so it runs beside the other
 * PostgreSQL tests sharing the database.
 */
@EnabledIfEnvironmentVariable(named = "OVERSIGHT_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "Set OVERSIGHT_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/<db> to run on PostgreSQL; .ci/run does this")
class QueueIndexesPostgresTest {

    private static final String SCHEMA = "ovs_queue_indexes_test";

    private final String url = System.getenv("OVERSIGHT_TEST_POSTGRES_URL");
    private final String user = System.getenv().getOrDefault("OVERSIGHT_TEST_POSTGRES_USER", "postgres");
    private final String password = System.getenv().getOrDefault("OVERSIGHT_TEST_POSTGRES_PASSWORD", "");

    @BeforeEach
    void engineTables() throws SQLException {
        execute("drop schema if exists " + SCHEMA + " cascade", "create schema " + SCHEMA,
                "create table " + SCHEMA + ".act_ru_task (id_ varchar(64) primary key, priority_ integer, due_date_ timestamp,"
                        + " create_time_ timestamp, suspension_state_ integer)",
                "create table " + SCHEMA + ".act_ru_authorization (id_ varchar(64) primary key, type_ integer, group_id_ varchar(255),"
                        + " user_id_ varchar(255), resource_type_ integer, resource_id_ varchar(255), perms_ integer)",
                "insert into " + SCHEMA + ".act_ru_task select 't' || g, g % 100, now() + g * interval '1 minute', now(), 1"
                        + " from generate_series(1, 5000) g");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        execute("drop schema if exists " + SCHEMA + " cascade");
    }

    @Test
    void twoNodesStartingTogetherBuildEachIndexOnceAndLaterStartsChangeNothing() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> starts = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                Callable<Integer> start = () -> indexes().apply();
                starts.add(nodes.submit(start));
            }
            int built = 0;
            for (Future<Integer> start : starts) {
                built += start.get();
            }
            assertThat(built).as("indexes built by both nodes together").isEqualTo(QueueIndexes.INDEXES.size());
        } finally {
            nodes.shutdownNow();
        }
        assertAllPresentAndValid();

        assertThat(indexes().apply()).as("indexes built by a later start").isZero();
        assertAllPresentAndValid();
    }

    @Test
    void anIndexLeftInvalidByAnInterruptedBuildIsBuiltAgain() throws Exception {
        QueueIndexes.Index index = QueueIndexes.INDEXES.get(0);
        indexes().apply();
        // what a build killed half-way leaves behind: the index exists, marked invalid
        execute("update pg_index set indisvalid = false where indexrelid = '" + SCHEMA + "." + index.name() + "'::regclass");
        assertThat(count("select count(*) from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n"
                + " on n.oid = c.relnamespace where n.nspname = '" + SCHEMA + "' and not i.indisvalid")).isEqualTo(1);

        assertThat(indexes().apply()).isEqualTo(1);
        assertAllPresentAndValid();
    }

    @Test
    void theQueueOrderIsReadFromTheIndexNotSorted() throws Exception {
        indexes().apply();
        execute("analyze " + SCHEMA + ".act_ru_task");
        StringBuilder plan = new StringBuilder();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("set enable_seqscan = off");
            try (var result = statement.executeQuery("explain select id_ from " + SCHEMA + ".act_ru_task"
                    + " order by priority_ desc, due_date_ asc limit 15")) {
                while (result.next()) {
                    plan.append(result.getString(1)).append('\n');
                }
            }
        }
        assertThat(plan.toString()).contains("ovs_ix_task_priority_due").doesNotContain("Sort");
    }

    private void assertAllPresentAndValid() throws SQLException {
        for (QueueIndexes.Index index : QueueIndexes.INDEXES) {
            assertThat(count("select count(*) from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n"
                    + " on n.oid = c.relnamespace where n.nspname = '" + SCHEMA + "' and c.relname = '" + index.name()
                    + "' and i.indisvalid")).as(index.name()).isEqualTo(1);
        }
        assertThat(count("select count(*) from pg_statistic_ext s join pg_namespace n on n.oid = s.stxnamespace"
                + " where n.nspname = '" + SCHEMA + "'")).isEqualTo(QueueIndexes.STATISTICS.size());
    }

    private QueueIndexes indexes() {
        String separator = url.contains("?") ? "&" : "?";
        return new QueueIndexes(new DriverManagerDataSource(url + separator + "currentSchema=" + SCHEMA, user, password));
    }

    private Connection connect() throws SQLException {
        String separator = url.contains("?") ? "&" : "?";
        return DriverManager.getConnection(url + separator + "currentSchema=" + SCHEMA, user, password);
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
