package io.oversight.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps Tasklist's queue pages cheap on PostgreSQL with a large backlog (docs/benchmarks.md, "Make
 * it fast"): indexes for the statements Camunda issues when a reviewer opens a queue, and
 * statistics on the expressions of its authorization check, which PostgreSQL otherwise misjudges.
 *
 * <p>Camunda creates its tables after Flyway runs, so these are applied once the engine is up. Safe
 * to run on every start and on several nodes at once: each node takes a PostgreSQL advisory lock
 * for the duration (polled, see {@link #waitForLock}); an index is built {@code CONCURRENTLY} (writers are not blocked on a populated
 * database) and only when it is missing; one left invalid by an interrupted build is dropped and
 * built again. Other databases (H2 in development) are left alone.
 */
@Component
class QueueIndexes {

    /** Any fixed number, different from {@link ClusterStartupLock#LOCK_KEY}. */
    static final long LOCK_KEY = 0x4f56_5251_5549_4458L; // "OVRQUIDX"

    /** An index by name and the statement that builds it. */
    record Index(String name, String table, String definition) {
        String create() {
            return "create index concurrently if not exists " + name + " on " + table + " " + definition;
        }
    }

    static final List<Index> INDEXES = List.of(
            // the queues sort by priority, then due date: the first page is read in order, not sorted
            new Index("ovs_ix_task_priority_due", "act_ru_task", "(priority_ desc, due_date_ asc)"),
            // the task queries' authorization check probes ACT_RU_AUTHORIZATION once per candidate task
            // for the task's id, its definition's key and '*', then filters grants of type < 2 on tasks
            // (7) or process definitions (6); only those rows in the index: a quarter fewer pages read
            new Index("ovs_ix_auth_task_read", "act_ru_authorization",
                    "(resource_id_) where type_ < 2 and (resource_type_ = 7 or resource_type_ = 6)"));

    static final List<String> STATISTICS = List.of(
            "create statistics if not exists ovs_st_auth_perms_read on (perms_ & 2) from act_ru_authorization",
            "create statistics if not exists ovs_st_auth_perms_task_work on (perms_ & 64) from act_ru_authorization",
            "create statistics if not exists ovs_st_auth_type_group (dependencies, mcv) on type_, group_id_, resource_type_ from act_ru_authorization");

    private static final Logger log = LoggerFactory.getLogger(QueueIndexes.class);
    private static final long POLL_MILLIS = 200;

    private final DataSource dataSource;

    QueueIndexes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        try {
            apply();
        } catch (SQLException | RuntimeException e) {
            // the queues still work without them, only slower: never keep a node from starting
            log.warn("Could not apply the queue indexes: {}", e.getMessage());
        }
    }

    /** Applies what is missing; returns how many indexes it built. */
    int apply() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                return 0;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true); // CREATE INDEX CONCURRENTLY runs outside a transaction
            try {
                waitForLock(connection);
                try {
                    return applyLocked(connection);
                } finally {
                    lock(connection, "select pg_advisory_unlock(?)");
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private int applyLocked(Connection connection) throws SQLException {
        int built = 0;
        for (Index index : INDEXES) {
            Boolean valid = validity(connection, index.name());
            if (Boolean.TRUE.equals(valid)) {
                continue;
            }
            try (Statement statement = connection.createStatement()) {
                if (valid != null) {
                    log.info("Index {} was left invalid by an interrupted build; building it again", index.name());
                    statement.execute("drop index concurrently if exists " + index.name());
                }
                long start = System.nanoTime();
                statement.execute(index.create());
                built++;
                log.info("Built index {} on {} in {} ms", index.name(), index.table(), (System.nanoTime() - start) / 1_000_000);
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String create : STATISTICS) {
                statement.execute(create);
            }
        }
        return built;
    }

    /** Whether the index exists and is valid; null when it does not exist. */
    private static Boolean validity(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select i.indisvalid from pg_index i"
                + " join pg_class c on c.oid = i.indexrelid where c.relname = ? and pg_table_is_visible(c.oid)")) {
            query.setString(1, name);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getBoolean(1) : null;
            }
        }
    }

    /**
     * Polls for the lock instead of blocking in {@code pg_advisory_lock}: a statement waiting for the
     * lock is a running transaction, and the other node's {@code CREATE INDEX CONCURRENTLY} waits for
     * every running transaction to end, which would deadlock the two nodes.
     */
    private static void waitForLock(Connection connection) throws SQLException {
        while (!lock(connection, "select pg_try_advisory_lock(?)")) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for another node's queue indexes", e);
            }
        }
    }

    private static boolean lock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
