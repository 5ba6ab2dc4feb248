package io.oversight.proposal;

/**
 * Published whenever a proposal's document changes, inside the transaction that changes it;
 * {@code status} and {@code customerMessage} are set when those parts changed.
 */
public record ProposalChanged(String proposalId, ProposalStatus status, String customerMessage) {

    public ProposalChanged(String proposalId, ProposalStatus status) {
        this(proposalId, status, null);
    }
}
