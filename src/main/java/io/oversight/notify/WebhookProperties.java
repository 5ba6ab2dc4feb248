package io.oversight.notify;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhooks to the agents' callbackUrl. Without a signing secret nothing is sent: deliveries wait
 * as PENDING until one is configured, because an agent must be able to trust every callback.
 *
 * @param enabled         record and send webhooks at all
 * @param signingSecret   HMAC-SHA256 key of the {@code X-Oversight-Signature} header
 * @param maxAttempts     attempts of one delivery before it is given up as DEAD
 * @param initialBackoff  wait after the first failed attempt; doubled after each further one
 * @param maxBackoff      the longest wait between two attempts
 * @param sweepInterval   how often each node looks for due deliveries
 * @param connectTimeout  TCP connect timeout of one attempt
 * @param requestTimeout  time an agent has to answer one attempt
 * @param allowedHosts    callback hosts that may be at loopback, link-local, private or metadata
 *                        addresses (exact names or IP literals, or {@code *.suffix}); none by default
 */
@ConfigurationProperties("oversight.webhooks")
record WebhookProperties(
        @DefaultValue("true") boolean enabled,
        String signingSecret,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue List<String> allowedHosts) {

    /** Long enough to cover one whole attempt, so a claim only lapses when its node is gone. */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);

    WebhookProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("oversight.webhooks.max-attempts must be at least 1");
        }
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    boolean canSign() {
        return signingSecret != null && !signingSecret.isBlank();
    }

    Duration claimDuration() {
        return connectTimeout.plus(requestTimeout).plus(CLAIM_MARGIN);
    }

    /** The wait after the given number of failed attempts: initial, doubled each time, capped. */
    Duration backoffAfter(int failedAttempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
