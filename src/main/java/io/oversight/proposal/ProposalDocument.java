package io.oversight.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The proposal document the agent API answers with (CONTRACT §3). */
public record ProposalDocument(
        String id,
        String idempotencyKey,
        ProposalType type,
        ProposalStatus status,
        boolean escalated,
        List<Reason> reasons,
        Review review,
        String customerMessage,
        JsonNode outcome,
        Instant createdAt,
        Instant updatedAt) {

    public record Reason(String code, String detail) {}

    public record Review(String queue, int priority, Instant dueAt, String controlModel, String assignee) {

        public Review withAssignee(String newAssignee) {
            return new Review(queue, priority, dueAt, controlModel, newAssignee);
        }
    }
}
