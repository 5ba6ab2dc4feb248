package io.oversight.ops;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lets the nodes of a cluster start one at a time on a shared PostgreSQL database.
 *
 * <p>Starting is not safe to run concurrently: the engine creates or updates its schema without a
 * lock (two nodes on an empty database: one dies on "duplicate key … pg_type_typname_nsp_index"),
 * and the start-up setup (identities, queues, agent keys) queries, then creates. So each node takes
 * a PostgreSQL advisory lock before the engine is built and holds it until it accepts traffic, that
 * is after every {@code ApplicationReadyEvent} listener ran. A node that finds the lock taken waits
 * for the other to finish. The lock belongs to a database session: if the holder dies, PostgreSQL
 * releases it with the connection. Other databases (H2 in development) run a single node and are
 * not locked.
 */
@Component
class ClusterStartupLock extends AbstractProcessEnginePlugin {

    /** Any fixed number; advisory locks are scoped to the current database. */
    static final long LOCK_KEY = 0x4f56_5253_5452_5455L; // "OVRSTRTU"

    private static final Logger log = LoggerFactory.getLogger(ClusterStartupLock.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final DataSource dataSource;
    private final Duration timeout;
    private Connection holder;

    ClusterStartupLock(DataSource dataSource,
            @Value("${oversight.ops.startup-lock-timeout:PT5M}") Duration timeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        acquire();
    }

    synchronized void acquire() {
        if (holder != null) {
            return;
        }
        try {
            Connection connection = dataSource.getConnection();
            if (!"PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return;
            }
            Instant deadline = Instant.now().plus(timeout);
            boolean announced = false;
            while (!tryLock(connection)) {
                if (Instant.now().isAfter(deadline)) {
                    discard(connection);
                    throw new IllegalStateException("Another node held the start-up lock for longer than " + timeout
                            + "; set oversight.ops.startup-lock-timeout to wait longer");
                }
                if (!announced) {
                    log.info("Another node is starting on this database; waiting for it to finish (at most {})", timeout);
                    announced = true;
                }
                Thread.sleep(POLL.toMillis());
            }
            holder = connection;
            log.debug("Start-up lock taken");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the start-up lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the start-up lock", e);
        }
    }

    @EventListener
    void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            release();
        }
    }

    @PreDestroy
    synchronized void release() {
        if (holder == null) {
            return;
        }
        Connection connection = holder;
        holder = null;
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, LOCK_KEY);
            unlock.execute();
            connection.close();
            log.debug("Start-up lock released");
        } catch (SQLException e) {
            log.warn("Could not release the start-up lock cleanly ({}); closing its session", e.getMessage());
            discard(connection);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Ends the session itself (not just returning it to a pool), which drops any lock it holds. */
    private static void discard(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // already broken
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already closed
        }
    }
}
