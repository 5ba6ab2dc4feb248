package io.oversight.proposal;

/** The process a proposal runs through once stored; implemented by the escalation module. */
public interface ProposalWorkflow {

    /** Starts the proposal's process in the caller's transaction. */
    void start(String proposalId, ProposalRequest request);

    /** Hands the answer to a reviewer's question to the waiting process. */
    void answer(String proposalId, String answer, String answeredBy);
}
