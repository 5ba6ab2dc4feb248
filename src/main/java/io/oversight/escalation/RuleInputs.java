package io.oversight.escalation;

import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalType;
import java.util.HashMap;
import java.util.Map;

/** The escalation rules' inputs that come from the submission itself (the signals are added by the detectors). */
final class RuleInputs {

    private RuleInputs() {}

    static Map<String, Object> of(ProposalRequest r, String policyMode) {
        Map<String, Object> inputs = new HashMap<>();
        boolean action = r.type() == ProposalType.ACTION;
        inputs.put(Vars.PROPOSAL_TYPE, r.type().name());
        inputs.put(Vars.WORKFLOW, r.workflowOrDefault());
        inputs.put(Vars.CHANNEL, r.channelOrDefault());
        inputs.put(Vars.SEGMENT, r.segmentOrDefault());
        inputs.put(Vars.CONFIDENCE, r.agent().confidence());
        inputs.put(Vars.POLICY_MODE, policyMode);
        inputs.put(Vars.ACTION_KIND, action ? r.action().kind() : null);
        inputs.put(Vars.AMOUNT, action && r.action().amount() != null ? r.action().amount().doubleValue() : null);
        inputs.put(Vars.IRREVERSIBLE, action && r.action().isIrreversible());
        return inputs;
    }
}
