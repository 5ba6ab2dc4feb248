package io.oversight.proposal;

public enum ProposalStatus {
    SUBMITTED,
    PENDING_REVIEW,
    AWAITING_INFORMATION,
    APPROVED,
    EDITED,
    REJECTED,
    TAKEN_OVER,
    EXECUTED,
    EXECUTION_FAILED
}
