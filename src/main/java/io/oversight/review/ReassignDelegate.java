package io.oversight.review;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalDocument.Review;
import io.oversight.proposal.ProposalStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** REASSIGN: the case moves to another group's queue with the reviewer's comment carried along. */
@Component("reassign")
class ReassignDelegate implements JavaDelegate {

    private final ReviewCase reviewCase;

    ReassignDelegate(ReviewCase reviewCase) {
        this.reviewCase = reviewCase;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DecisionState decision = reviewCase.decision(execution);
        String target = decision.reassignTo();
        Review before = reviewCase.review(execution);
        ReviewCase.note(execution, "Reassigned from " + before.queue() + " to " + target + " by "
                + decision.decidedBy() + ": " + decision.reviewComment());
        Review moved = new Review(target, before.priority(), before.dueAt(), before.controlModel(), null);
        reviewCase.audit(execution, AuditEventType.QUEUED, "system", AuditLog.details("queue", target,
                "priority", before.priority(), "dueAt", before.dueAt().toString(), "controlModel", before.controlModel()));
        reviewCase.update(execution, ProposalChange.status(ProposalStatus.PENDING_REVIEW)
                .withReview(reviewCase.write(moved), moved));
    }
}
