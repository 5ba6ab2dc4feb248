package io.oversight.ops;

import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes Tasklist's queue pages cheap on PostgreSQL with many open reviews (docs/benchmarks.md): an
 * index in the queues' sort order on Camunda's task table, and statistics on the permission
 * expressions of its authorization join, which PostgreSQL otherwise misjudges. Camunda creates its
 * tables after Flyway runs, so these are applied once the engine is up, idempotently.
 */
@Component
class QueueIndexes {

    private static final Logger log = LoggerFactory.getLogger(QueueIndexes.class);
    static final List<String> STATEMENTS = List.of(
            "create index if not exists ovs_ix_task_priority_due on act_ru_task (priority_ desc, due_date_ asc)",
            "create statistics if not exists ovs_st_auth_perms_read on (perms_ & 2) from act_ru_authorization",
            "create statistics if not exists ovs_st_auth_perms_task_work on (perms_ & 64) from act_ru_authorization",
            "create statistics if not exists ovs_st_auth_type_group (dependencies, mcv) on type_, group_id_, resource_type_ from act_ru_authorization");

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    QueueIndexes(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void apply() {
        if (!isPostgres()) {
            return;
        }
        for (String statement : STATEMENTS) {
            try {
                jdbc.sql(statement).update();
            } catch (RuntimeException e) {
                log.warn("Could not apply '{}': {}", statement, e.getMessage());
            }
        }
    }

    private boolean isPostgres() {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (java.sql.SQLException e) {
            return false;
        }
    }
}
