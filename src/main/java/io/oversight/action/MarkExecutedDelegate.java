package io.oversight.action;

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

    MarkExecutedDelegate(ProposalStore store) {
        this.store = store;
    }

    @Override
    public void execute(DelegateExecution execution) {
        store.update((String) execution.getVariable(ActionRelease.PROPOSAL_ID), ProposalChange.status(ProposalStatus.EXECUTED));
    }
}
