package io.oversight.metrics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The metrics contract on a real PostgreSQL server. The server's database named in
 * OVERSIGHT_TEST_POSTGRES_URL may be shared with other test classes, so this class creates a
 * database of its own next to it (exact counts need one) and drops it afterwards.
 */
@EnabledIfEnvironmentVariable(named = "OVERSIGHT_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "Set OVERSIGHT_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/<db> (and "
                + "OVERSIGHT_TEST_POSTGRES_USER) to run on PostgreSQL; .ci/run does this")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "oversight.demo.seed-proposals=false",
        "oversight.action-worker.enabled=false",
        "camunda.bpm.job-execution.enabled=false",
        "oversight.review.agreement-sample-rate=1.0",
        // the engine would flush its own usage metrics into the database dropped just before it closes
        "camunda.bpm.metrics.db-reporter-activate=false"})
@AutoConfigureObservability(tracing = false)
@DirtiesContext
class MetricsApiPostgresTest extends OwnerAnalysisContract {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");
    private static final String DATABASE = "oversight_metrics_" + ProcessHandle.current().pid() + "_" + System.nanoTime();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws SQLException {
        admin("create database " + DATABASE);
        registry.add("spring.datasource.url", () -> url(DATABASE));
        registry.add("spring.datasource.username", MetricsApiPostgresTest::user);
        registry.add("spring.datasource.password", MetricsApiPostgresTest::password);
    }

    /** Its connections are cut ("with (force)"); the application is closed right after (@DirtiesContext). */
    @AfterAll
    static void dropDatabase() throws SQLException {
        admin("drop database if exists " + DATABASE + " with (force)");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The configured URL with another database on the same server. */
    private static String url(String database) {
        Matcher url = URL.matcher(System.getenv("OVERSIGHT_TEST_POSTGRES_URL"));
        if (!url.matches()) {
            throw new IllegalStateException("OVERSIGHT_TEST_POSTGRES_URL is not jdbc:postgresql://host[:port]/database");
        }
        return url.group(1) + database + url.group(3);
    }

    private static String user() {
        return System.getenv().getOrDefault("OVERSIGHT_TEST_POSTGRES_USER", "postgres");
    }

    private static String password() {
        return System.getenv().getOrDefault("OVERSIGHT_TEST_POSTGRES_PASSWORD", "");
    }
}
