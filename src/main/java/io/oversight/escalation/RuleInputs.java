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
        return of(r, policyMode, null);
    }

    /**
     * The inputs, judged conservatively: a money action's amount counts only in a currency the policy
     * knows (otherwise it is null, as if missing, and the rules send it to a person), and an action that
     * does not say whether it can be undone counts as irreversible.
     *
     * @param knownCurrencies the currencies with approval limits; null = do not check
     */
    static Map<String, Object> of(ProposalRequest r, String policyMode, java.util.Set<String> knownCurrencies) {
        Map<String, Object> inputs = new HashMap<>();
        boolean action = r.type() == ProposalType.ACTION;
        inputs.put(Vars.PROPOSAL_TYPE, r.type().name());
        inputs.put(Vars.WORKFLOW, r.workflowOrDefault());
        inputs.put(Vars.CHANNEL, r.channelOrDefault());
        inputs.put(Vars.SEGMENT, r.segmentOrDefault());
        inputs.put(Vars.CONFIDENCE, r.agent().confidence());
        inputs.put(Vars.POLICY_MODE, policyMode);
        inputs.put(Vars.ACTION_KIND, action ? r.action().kind() : null);
        boolean knownCurrency = !action || knownCurrencies == null || knownCurrencies.contains(r.action().currency());
        inputs.put(Vars.AMOUNT, action && knownCurrency && r.action().amount() != null ? r.action().amount().doubleValue() : null);
        inputs.put(Vars.IRREVERSIBLE, action && !Boolean.FALSE.equals(r.action().irreversible()));
        return inputs;
    }
}
