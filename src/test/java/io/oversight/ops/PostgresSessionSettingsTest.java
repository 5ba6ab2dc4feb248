package io.oversight.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The session settings the postgres profile gives every connection of the application: as
 * configured, and as PostgreSQL then reports them for a connection opened with that configuration.
 */
@EnabledIfEnvironmentVariable(named = "OVERSIGHT_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "Set OVERSIGHT_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/<db> to run on PostgreSQL; .ci/run does this")
class PostgresSessionSettingsTest {

    @Test
    void theApplicationsConnectionsRunWithoutJitCompilationAndWithCustomPlansOnly() throws IOException, SQLException {
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("postgres",
                new ClassPathResource("application-postgres.yaml"))) {
            environment.getPropertySources().addLast(source);
        }
        String options = environment.getProperty("spring.datasource.hikari.data-source-properties.options");
        assertThat(options).isEqualTo("-c jit=off -c plan_cache_mode=force_custom_plan");

        Properties properties = new Properties();
        properties.setProperty("user", System.getenv().getOrDefault("OVERSIGHT_TEST_POSTGRES_USER", "postgres"));
        properties.setProperty("password", System.getenv().getOrDefault("OVERSIGHT_TEST_POSTGRES_PASSWORD", ""));
        properties.setProperty("options", options);
        try (Connection connection = DriverManager.getConnection(System.getenv("OVERSIGHT_TEST_POSTGRES_URL"), properties);
                Statement statement = connection.createStatement()) {
            try (ResultSet settings = statement.executeQuery("select current_setting('jit'), current_setting('plan_cache_mode')")) {
                settings.next();
                assertThat(settings.getString(1)).isEqualTo("off");
                assertThat(settings.getString(2)).isEqualTo("force_custom_plan");
            }
            // a statement used more often than pgjdbc's prepareThreshold (5) is prepared on the server;
            // PostgreSQL would switch it to a generic plan after five executions - with this session
            // setting every execution is planned for its parameter values
            try (PreparedStatement query = connection.prepareStatement(
                    "select count(*) from pg_class where relkind = ? and relpages >= ?")) {
                for (int i = 0; i < 12; i++) {
                    query.setString(1, "r");
                    query.setInt(2, i);
                    query.executeQuery().close();
                }
            }
            try (ResultSet plans = statement.executeQuery("select coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0)"
                    + " from pg_prepared_statements where statement like '%relpages >= $2%'")) {
                plans.next();
                assertThat(plans.getLong(1)).as("generic plans").isZero();
                assertThat(plans.getLong(2)).as("custom plans").isGreaterThanOrEqualTo(6);
            }
        }
    }
}
