package io.oversight.notify;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The outbox on a real PostgreSQL server, in a schema of its own that is dropped afterwards. */
@EnabledIfEnvironmentVariable(named = "OVERSIGHT_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "Set OVERSIGHT_TEST_POSTGRES_URL (and OVERSIGHT_TEST_POSTGRES_USER) to run on PostgreSQL; .ci/run does this")
class WebhookOutboxPostgresTest extends WebhookOutboxContract {

    private static final String SCHEMA = "webhook_outbox_test_" + ProcessHandle.current().pid();
    private static DataSource database;

    @BeforeAll
    static void migrate() {
        String url = System.getenv("OVERSIGHT_TEST_POSTGRES_URL");
        String user = System.getenv().getOrDefault("OVERSIGHT_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("OVERSIGHT_TEST_POSTGRES_PASSWORD", "");
        database = new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA,
                user, password);
        Flyway.configure().dataSource(database).schemas(SCHEMA).load().migrate();
    }

    @AfterAll
    static void dropSchema() {
        if (database != null) {
            JdbcClient.create(database).sql("drop schema " + SCHEMA + " cascade").update();
        }
    }

    @Override
    DataSource database() {
        return database;
    }
}
