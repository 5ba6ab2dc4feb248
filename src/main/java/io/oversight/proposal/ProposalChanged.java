package io.oversight.proposal;

/** Published whenever a proposal's document changes; listeners act after the transaction commits. */
public record ProposalChanged(String proposalId, ProposalStatus status) {}
