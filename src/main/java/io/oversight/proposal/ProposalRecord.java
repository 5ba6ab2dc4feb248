package io.oversight.proposal;

import java.time.Instant;

/** One row of ovs_proposal: the stored submission plus the current document parts as JSON. */
public record ProposalRecord(
        String id,
        String agentId,
        String idempotencyKey,
        String bodyHash,
        ProposalType type,
        String workflow,
        String channel,
        ProposalStatus status,
        boolean escalated,
        String body,
        String reasons,
        String review,
        String customerMessage,
        String outcome,
        Instant createdAt,
        Instant updatedAt) {}
