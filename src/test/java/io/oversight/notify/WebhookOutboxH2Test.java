package io.oversight.notify;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class WebhookOutboxH2Test extends WebhookOutboxContract {

    private static DataSource database;

    @BeforeAll
    static void migrate() {
        database = new DriverManagerDataSource("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(database).load().migrate();
    }

    @Override
    DataSource database() {
        return database;
    }
}
