package io.oversight.proposal;

/** A partial update of a proposal document; JSON parts are already serialised. */
public record ProposalChange(
        ProposalStatus status,
        Boolean escalated,
        String reasons,
        String review,
        String customerMessage,
        boolean clearCustomerMessage,
        String outcome) {

    public static ProposalChange status(ProposalStatus status) {
        return new ProposalChange(status, null, null, null, null, false, null);
    }

    public ProposalChange withOutcome(String outcomeJson) {
        return new ProposalChange(status, escalated, reasons, review, customerMessage, clearCustomerMessage, outcomeJson);
    }

    public ProposalChange withReview(String reviewJson) {
        return new ProposalChange(status, escalated, reasons, reviewJson,
                customerMessage, clearCustomerMessage, outcome);
    }

    public ProposalChange clearingCustomerMessage() {
        return new ProposalChange(status, escalated, reasons, review, null, true, outcome);
    }
}
