package io.oversight.review;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.customer.CustomerMessages.Situation;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalDocument.Review;
import io.oversight.proposal.ProposalStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Nobody answered the reviewer's question in time: the case goes to support leads. */
@Component("escalateUnanswered")
class EscalateUnansweredDelegate implements JavaDelegate {

    private final ReviewCase reviewCase;

    EscalateUnansweredDelegate(ReviewCase reviewCase) {
        this.reviewCase = reviewCase;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String leads = ReviewCase.handOverGroup(execution);
        ReviewCase.note(execution, "No answer to the question in time; handed to " + leads + ".");
        Review before = reviewCase.review(execution);
        Review moved = new Review(leads, before.priority(), before.dueAt(), before.controlModel(), null);
        reviewCase.audit(execution, AuditEventType.QUEUED, "system", AuditLog.details("queue", leads,
                "reason", "the question was not answered in time"));
        reviewCase.update(execution, ProposalChange.status(ProposalStatus.PENDING_REVIEW).withOutcome(null)
                .withReview(reviewCase.write(moved), moved)
                .withCustomerMessage(reviewCase.customerMessage(execution, Situation.PENDING, leads)));
    }
}
