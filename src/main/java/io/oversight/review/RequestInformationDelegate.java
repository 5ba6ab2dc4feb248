package io.oversight.review;

import io.oversight.customer.CustomerMessages.Situation;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.escalation.ReviewSettings;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** REQUEST_INFO: the agent is asked a question; the proposal waits for the answer. */
@Component("requestInformation")
class RequestInformationDelegate implements JavaDelegate {

    private final ReviewCase reviewCase;
    private final ReviewSettings settings;

    RequestInformationDelegate(ReviewCase reviewCase, ReviewSettings settings) {
        this.reviewCase = reviewCase;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DecisionState decision = reviewCase.decision(execution);
        String question = decision.infoRequest();
        // the wait that follows ends after this long without an answer (its timer reads it when the wait starts)
        execution.setVariable(Vars.INFORMATION_TIMEOUT, settings.informationTimeout().toString());
        ReviewCase.note(execution, "Question from " + decision.decidedBy() + ": " + question);
        reviewCase.update(execution, ProposalChange.status(ProposalStatus.AWAITING_INFORMATION)
                .withOutcome(reviewCase.write(ReviewCase.outcome(decision, "REQUEST_INFO", null, question)))
                .withCustomerMessage(reviewCase.customerMessage(execution, Situation.AWAITING_INFORMATION,
                        reviewCase.queue(execution))));
    }
}
