package io.oversight.review;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.customer.CustomerMessages.Situation;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The answer arrived: it joins the review context and the proposal returns to its queue. */
@Component("addInformation")
class AddInformationDelegate implements JavaDelegate {

    private final ReviewCase reviewCase;

    AddInformationDelegate(ReviewCase reviewCase) {
        this.reviewCase = reviewCase;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReviewCase.note(execution, "Answer: " + execution.getVariable(Vars.INFORMATION_ANSWER));
        reviewCase.audit(execution, AuditEventType.INFO_PROVIDED, (String) execution.getVariable(Vars.INFORMATION_ANSWERED_BY),
                AuditLog.details("answer", execution.getVariable(Vars.INFORMATION_ANSWER)));
        reviewCase.update(execution, ProposalChange.status(ProposalStatus.PENDING_REVIEW).withOutcome(null)
                .withCustomerMessage(reviewCase.customerMessage(execution, Situation.PENDING,
                        reviewCase.queue(execution))));
    }
}
