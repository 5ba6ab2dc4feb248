package io.oversight.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without a signing secret nothing is sent: deliveries are neither swept nor claimed, so they stay PENDING. */
class UnsignedWebhooksTest {

    private final WebhookProperties unsigned = new WebhookProperties(true, "", 8, Duration.ofSeconds(1),
            Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5));

    /** An outbox that fails the test when it is asked for work. */
    private final WebhookOutbox untouchable = new WebhookOutbox(null) {
        @Override
        List<String> due(Instant now, int limit) {
            throw new AssertionError("swept without a signing secret");
        }

        @Override
        Optional<Claim> claim(String id, Instant now, Instant until) {
            throw new AssertionError("claimed without a signing secret");
        }
    };

    @Test
    void anAttemptWithoutASecretLeavesTheDeliveryAlone() {
        var deliverer = new WebhookDeliverer(untouchable, new WebhookSender(unsigned, new io.oversight.security.CallbackTargets(java.util.List.of("127.0.0.1"))), unsigned, new SimpleMeterRegistry());

        assertThat(deliverer.attempt("some-delivery")).isEmpty();
    }

    @Test
    void theSweeperDoesNotLookForWorkWithoutASecret() throws Exception {
        var deliverer = new WebhookDeliverer(untouchable, new WebhookSender(unsigned, new io.oversight.security.CallbackTargets(java.util.List.of("127.0.0.1"))), unsigned, new SimpleMeterRegistry());
        var dispatcher = new WebhookDispatcher(deliverer, untouchable, unsigned);
        try {
            dispatcher.sweep();
        } finally {
            dispatcher.destroy();
        }
    }
}
