package io.oversight.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
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
    void theApplicationsConnectionsRunWithoutJitCompilation() throws IOException, SQLException {
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("postgres",
                new ClassPathResource("application-postgres.yaml"))) {
            environment.getPropertySources().addLast(source);
        }
        String options = environment.getProperty("spring.datasource.hikari.data-source-properties.options");
        assertThat(options).isEqualTo("-c jit=off");

        Properties properties = new Properties();
        properties.setProperty("user", System.getenv().getOrDefault("OVERSIGHT_TEST_POSTGRES_USER", "postgres"));
        properties.setProperty("password", System.getenv().getOrDefault("OVERSIGHT_TEST_POSTGRES_PASSWORD", ""));
        properties.setProperty("options", options);
        try (Connection connection = DriverManager.getConnection(System.getenv("OVERSIGHT_TEST_POSTGRES_URL"), properties);
                Statement statement = connection.createStatement();
                ResultSet jit = statement.executeQuery("select current_setting('jit')")) {
            jit.next();
            assertThat(jit.getString(1)).isEqualTo("off");
        }
    }
}
