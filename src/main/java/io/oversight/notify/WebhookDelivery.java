package io.oversight.notify;

import java.time.Instant;

/** One row of the webhook outbox: a proposal document to POST to an agent's callbackUrl. */
record WebhookDelivery(
        String id,
        String proposalId,
        String url,
        String body,
        int attempts,
        Instant nextAttemptAt,
        Status status,
        String lastError,
        Instant claimedUntil,
        Instant createdAt,
        Instant deliveredAt) {

    enum Status { PENDING, DELIVERED, DEAD }
}
