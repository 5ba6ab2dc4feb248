package io.oversight.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One attempt at one delivery: claim it, send it, record the result. A failed attempt is retried
 * with exponential backoff until the attempts run out and the delivery is DEAD. A callback whose
 * host may not be called (its address is checked again at every attempt) is DEAD at once: retrying
 * a refused address only knocks on it again. Nothing is sent without a signing secret.
 */
@Component
class WebhookDeliverer {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);

    private final WebhookOutbox outbox;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final Counter delivered;
    private final Counter failed;
    private final Counter dead;
    private final Counter refused;

    WebhookDeliverer(WebhookOutbox outbox, WebhookSender sender, WebhookProperties properties, MeterRegistry meters) {
        this.outbox = outbox;
        this.sender = sender;
        this.properties = properties;
        this.delivered = Counter.builder("oversight.webhooks.delivered")
                .description("Webhook deliveries an agent accepted").register(meters);
        this.failed = Counter.builder("oversight.webhooks.failed")
                .description("Webhook attempts that failed (each retry counts)").register(meters);
        this.dead = Counter.builder("oversight.webhooks.dead")
                .description("Webhook deliveries given up after the last attempt").register(meters);
        this.refused = Counter.builder("oversight.webhooks.refused")
                .description("Webhook deliveries refused because the callback host may not be called").register(meters);
    }

    /**
     * Attempts the delivery if it is due and this node can claim it. When the delivery is finished,
     * answers the next pending delivery of the same proposal, so that one can go out right away.
     */
    Optional<String> attempt(String deliveryId) {
        if (!properties.canSign()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Optional<WebhookOutbox.Claim> claim = outbox.claim(deliveryId, now, now.plus(properties.claimDuration()));
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        WebhookDelivery delivery = outbox.find(deliveryId).orElseThrow();
        WebhookSender.Result result = sender.send(delivery);
        int attempts = delivery.attempts() + 1;
        if (result.delivered()) {
            record(outbox.delivered(claim.get(), attempts, Instant.now()), delivery);
            delivered.increment();
            return outbox.nextPending(delivery.proposalId());
        }
        failed.increment();
        if (result.refused()) {
            record(outbox.dead(claim.get(), attempts, result.error()), delivery);
            refused.increment();
            dead.increment();
            log.warn("Webhook {} for proposal {} to {} is DEAD: {}", delivery.id(), delivery.proposalId(),
                    delivery.url(), result.error());
            return outbox.nextPending(delivery.proposalId());
        }
        if (attempts >= properties.maxAttempts()) {
            record(outbox.dead(claim.get(), attempts, result.error()), delivery);
            dead.increment();
            log.warn("Webhook {} for proposal {} to {} is DEAD after {} attempts: {}", delivery.id(),
                    delivery.proposalId(), delivery.url(), attempts, result.error());
            return outbox.nextPending(delivery.proposalId());
        }
        Instant next = Instant.now().plus(properties.backoffAfter(attempts));
        record(outbox.retryAt(claim.get(), attempts, next, result.error()), delivery);
        log.info("Webhook {} for proposal {} failed (attempt {} of {}): {}; next attempt at {}", delivery.id(),
                delivery.proposalId(), attempts, properties.maxAttempts(), result.error(), next);
        return Optional.empty();
    }

    private static void record(boolean recorded, WebhookDelivery delivery) {
        if (!recorded) {
            // Only when this node stalled past its claim; the node that took over records its own attempt.
            log.warn("Webhook {} for proposal {}: the claim lapsed before the result was recorded",
                    delivery.id(), delivery.proposalId());
        }
    }
}
