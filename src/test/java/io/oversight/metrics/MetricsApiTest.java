package io.oversight.metrics;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The metrics contract on H2, in a database of its own so other tests' traffic does not count;
 * with metrics export on (Boot turns it off in tests) for {@code /actuator/prometheus}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:oversight-metrics;DB_CLOSE_DELAY=-1",
        "oversight.demo.seed-proposals=false",
        "oversight.action-worker.enabled=false",
        "camunda.bpm.job-execution.enabled=false",
        "oversight.review.agreement-sample-rate=1.0"})
@AutoConfigureObservability(tracing = false)
class MetricsApiTest extends OwnerAnalysisContract {}
