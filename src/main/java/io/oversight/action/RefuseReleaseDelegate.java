package io.oversight.action;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalStatus;
import io.oversight.proposal.ProposalStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The action about to run is not the approved one (or nothing says it was approved): it does not run.
 * The proposal becomes {@code EXECUTION_FAILED}, the trail says why, and an incident waits in Cockpit.
 */
@Component("refuseRelease")
class RefuseReleaseDelegate implements JavaDelegate {

    static final String INCIDENT_TYPE = "releaseRefused";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RefuseReleaseDelegate.class);

    private final ProposalStore store;
    private final AuditLog audit;

    RefuseReleaseDelegate(ProposalStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String proposalId = (String) execution.getVariable(ActionRelease.PROPOSAL_ID);
        Object why = execution.getVariable(VerifyReleaseDelegate.RELEASE_MISMATCH);
        String reason = "release refused: " + (why == null ? "the release could not be verified" : why);
        LOG.warn("Proposal {}: {}", proposalId, reason);
        audit.record(proposalId, AuditEventType.ACTION_FAILED, "system", AuditLog.details("reason", reason,
                "approvalHash", execution.getVariable(ActionRelease.APPROVAL_HASH)));
        store.update(proposalId, ProposalChange.status(ProposalStatus.EXECUTION_FAILED));
        execution.createIncident(INCIDENT_TYPE, proposalId, reason);
    }
}
