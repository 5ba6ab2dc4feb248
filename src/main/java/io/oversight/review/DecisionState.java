package io.oversight.review;

import java.time.Instant;

/**
 * A person's decision as the guard validated it: the only source the process's gateways and
 * delegates read a decision from. {@code approvedReply} / {@code approvedAction} (JSON) are what an
 * approval releases: the proposal as submitted, or the validated edit.
 */
record DecisionState(
        String proposalId,
        String step,
        String decision,
        String decidedBy,
        String decidedGroup,
        Instant decidedAt,
        String reviewComment,
        String reassignTo,
        String infoRequest,
        String humanReply,
        String firstApprover,
        boolean edited,
        String editBefore,
        String approvedReply,
        String approvedAction) {

    boolean approves() {
        return "APPROVE".equals(decision) || "EDIT".equals(decision);
    }
}
