package io.oversight.review;

import io.oversight.qa.QaSampling;
import io.oversight.proposal.Outcome;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A person rejected the proposal; the agent learns why from the comment. */
@Component("recordRejection")
class RecordRejectionDelegate implements JavaDelegate {

    private final ReviewCase reviewCase;
    private final QaSampling qa;

    RecordRejectionDelegate(ReviewCase reviewCase, QaSampling qa) {
        this.reviewCase = reviewCase;
        this.qa = qa;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DecisionState decision = reviewCase.decision(execution);
        Outcome outcome = ReviewCase.outcome(decision, "REJECT", null, null);
        qa.maybeReviewBlind(reviewCase.id(execution), ReviewCase.blindContext(execution));
        reviewCase.update(execution, ProposalChange.status(ProposalStatus.REJECTED)
                .decided(outcome, reviewCase.write(outcome), decision.decidedGroup()));
    }
}
