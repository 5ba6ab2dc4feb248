package io.oversight.review;

import io.oversight.proposal.Outcome;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** TAKE_OVER: a person owns the conversation now; the agent must stop answering in it. */
@Component("recordTakeover")
class RecordTakeoverDelegate implements JavaDelegate {

    private final ReviewCase reviewCase;

    RecordTakeoverDelegate(ReviewCase reviewCase) {
        this.reviewCase = reviewCase;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DecisionState decision = reviewCase.decision(execution);
        String first = decision.humanReply();
        Outcome outcome = ReviewCase.outcome(decision, "TAKE_OVER",
                first == null || first.isBlank() ? null : new Outcome.ReplyText(first), null);
        reviewCase.update(execution, ProposalChange.status(ProposalStatus.TAKEN_OVER)
                .decided(outcome, reviewCase.write(outcome), decision.decidedGroup()));
    }
}
