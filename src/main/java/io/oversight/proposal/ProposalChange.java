package io.oversight.proposal;

import java.time.Instant;

/**
 * A partial update of a proposal document; parts left null stay as they are. JSON parts are
 * already serialised. Build one with {@link #status} or {@link #none} and the {@code with…} methods.
 */
public record ProposalChange(
        ProposalStatus status,
        Boolean escalated,
        String reasons,
        String review,
        String queue,
        String customerMessage,
        boolean clearCustomerMessage,
        String outcome,
        boolean clearOutcome,
        Instant decidedAt,
        String decision,
        String decidedBy,
        String decidedGroup,
        Instant dueAt) {

    public static ProposalChange none() {
        return new ProposalChange(null, null, null, null, null, null, false, null, false, null, null, null, null, null);
    }

    public static ProposalChange status(ProposalStatus status) {
        return none().withStatus(status);
    }

    public ProposalChange withStatus(ProposalStatus newStatus) {
        return new ProposalChange(newStatus, escalated, reasons, review, queue, customerMessage, clearCustomerMessage,
                outcome, clearOutcome, decidedAt, decision, decidedBy, decidedGroup, dueAt);
    }

    public ProposalChange withEscalation(String reasonsJson) {
        return new ProposalChange(status, true, reasonsJson, review, queue, customerMessage, clearCustomerMessage,
                outcome, clearOutcome, decidedAt, decision, decidedBy, decidedGroup, dueAt);
    }

    public ProposalChange withReview(String reviewJson, ProposalDocument.Review review) {
        return new ProposalChange(status, escalated, reasons, reviewJson, review.queue(), customerMessage,
                clearCustomerMessage, outcome, clearOutcome, decidedAt, decision, decidedBy, decidedGroup, review.dueAt());
    }

    public ProposalChange withCustomerMessage(String message) {
        return new ProposalChange(status, escalated, reasons, review, queue, message, message == null, outcome,
                clearOutcome, decidedAt, decision, decidedBy, decidedGroup, dueAt);
    }

    public ProposalChange clearingCustomerMessage() {
        return withCustomerMessage(null);
    }

    public ProposalChange withOutcome(String outcomeJson) {
        return new ProposalChange(status, escalated, reasons, review, queue, customerMessage, clearCustomerMessage,
                outcomeJson, outcomeJson == null, decidedAt, decision, decidedBy, decidedGroup, dueAt);
    }

    /** A final decision: the outcome, who took it as which group, and no more holding message. */
    public ProposalChange decided(Outcome outcome, String outcomeJson, String group) {
        return new ProposalChange(status, escalated, reasons, review, queue, null, true, outcomeJson, false,
                outcome.decidedAt(), outcome.decision(), outcome.decidedBy(), group, dueAt);
    }
}
