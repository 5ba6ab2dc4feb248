package io.oversight.action;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalStatus;
import io.oversight.proposal.ProposalStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The action system completed the action. */
@Component("markExecuted")
class MarkExecutedDelegate implements JavaDelegate {

    private final ProposalStore store;
    private final AuditLog audit;

    MarkExecutedDelegate(ProposalStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        audit.record((String) execution.getVariable(ActionRelease.PROPOSAL_ID), AuditEventType.ACTION_EXECUTED,
                "action-system", AuditLog.details("topic", execution.getVariable("actionTopic"),
                        "idempotencyKey", execution.getVariable(ActionRelease.IDEMPOTENCY_KEY),
                        "result", execution.getVariable("actionResult")));
        store.update((String) execution.getVariable(ActionRelease.PROPOSAL_ID), ProposalChange.status(ProposalStatus.EXECUTED));
    }
}
