package io.oversight.metrics;

import io.oversight.support.ThrowawayPostgres;
import java.sql.SQLException;
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

    private static final String DATABASE = ThrowawayPostgres.uniqueName("oversight_metrics");

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws SQLException {
        ThrowawayPostgres.create(DATABASE);
        registry.add("spring.datasource.url", () -> ThrowawayPostgres.url(DATABASE));
        registry.add("spring.datasource.username", ThrowawayPostgres::user);
        registry.add("spring.datasource.password", ThrowawayPostgres::password);
    }

    /** Its connections are cut ("with (force)"); the application is closed right after (@DirtiesContext). */
    @AfterAll
    static void dropDatabase() throws SQLException {
        ThrowawayPostgres.drop(DATABASE);
    }
}
