package io.oversight.review;

import io.oversight.proposal.Outcome;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** VETO in a veto window: the action does not run; the agent learns why. */
@Component("recordVeto")
class RecordVetoDelegate implements JavaDelegate {

    private final ReviewCase reviewCase;

    RecordVetoDelegate(ReviewCase reviewCase) {
        this.reviewCase = reviewCase;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DecisionState decision = reviewCase.decision(execution);
        Outcome outcome = ReviewCase.outcome(decision, "VETO", null, null);
        reviewCase.update(execution, ProposalChange.status(ProposalStatus.REJECTED)
                .decided(outcome, reviewCase.write(outcome), decision.decidedGroup()));
    }
}
