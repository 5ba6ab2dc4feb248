package io.oversight.notify;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Like {@code OversightTest}, plus a webhook secret, quick retries and 127.0.0.1 (only) allow-listed. Its own in-memory database,
 * so the sweepers of other cached test contexts never touch these deliveries.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:oversight-webhooks;DB_CLOSE_DELAY=-1",
        "oversight.demo.seed-proposals=false",
        "oversight.action-worker.enabled=false",
        "camunda.bpm.job-execution.enabled=false",
        "oversight.webhooks.signing-secret=" + WebhookTest.SECRET,
        // the receivers of these tests listen on 127.0.0.1, which is refused unless allow-listed
        "oversight.webhooks.allowed-hosts=127.0.0.1",
        "oversight.webhooks.max-attempts=4",
        "oversight.webhooks.initial-backoff=20ms",
        "oversight.webhooks.max-backoff=100ms",
        "oversight.webhooks.sweep-interval=50ms"})
@interface WebhookTest {

    String SECRET = "test-webhook-secret";
}
