package io.oversight.proposal;

/** What a proposal goes through once stored (judgement, approval or review); implemented by the escalation module. */
public interface ProposalWorkflow {

    /**
     * Judges the stored proposal and, in the caller's transaction, approves a routine one at once or
     * starts what it needs: the release of a routine action, the review of an escalated proposal.
     */
    void start(String proposalId, ProposalRequest request);

    /** Hands the answer to a reviewer's question to the waiting process. */
    void answer(String proposalId, String answer, String answeredBy);
}
