package io.oversight.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Just before an action goes to the action system: the action about to run must be exactly the one
 * that was approved (its hash equals the recorded approval hash, and the recorded approval is intact).
 * Sets {@code releaseVerified} (transient) for the gateway; anything else leads to the refusal.
 */
@Component("verifyRelease")
class VerifyReleaseDelegate implements JavaDelegate {

    static final String RELEASE_VERIFIED = "releaseVerified";
    static final String RELEASE_MISMATCH = "releaseMismatch";

    private final Approvals approvals;
    private final ObjectMapper mapper;

    VerifyReleaseDelegate(Approvals approvals, ObjectMapper mapper) {
        this.approvals = approvals;
        this.mapper = mapper;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String mismatch = mismatch(execution);
        execution.setVariableLocal(RELEASE_VERIFIED, Variables.booleanValue(mismatch == null, true));
        execution.setVariableLocal(RELEASE_MISMATCH, Variables.stringValue(mismatch, true));
    }

    private String mismatch(DelegateExecution execution) {
        String proposalId = (String) execution.getVariable(ActionRelease.PROPOSAL_ID);
        var approval = approvals.find(proposalId).orElse(null);
        if (approval == null) {
            return "no approval is recorded for this action";
        }
        if (!approvals.intact(approval)) {
            return "the recorded approval was changed after it was given";
        }
        Object action = execution.getVariable(ActionRelease.ACTION);
        try {
            String about = action == null ? null : approvals.hashOf(mapper.readTree(action.toString()));
            if (!approval.approvalHash().equals(about)) {
                return "the action about to run differs from the approved action (approval hash "
                        + approval.approvalHash() + ", action hash " + about + ")";
            }
        } catch (Exception e) {
            return "the action about to run is not valid JSON";
        }
        if (!approval.approvalHash().equals(execution.getVariable(ActionRelease.APPROVAL_HASH))) {
            return "the approval hash handed to the action system differs from the recorded one";
        }
        return null;
    }
}
