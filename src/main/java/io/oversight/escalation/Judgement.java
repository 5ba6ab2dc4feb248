package io.oversight.escalation;

import io.oversight.policy.Policy;
import io.oversight.proposal.ProposalRequest;
import java.util.Map;

/**
 * How the signals and the escalation rules judged one proposal, before any process started.
 *
 * @param signalDetails       what made each signal with a score above zero score (and an uncovered language)
 * @param rulesVersion        the version of escalationRules the engine evaluated
 * @param decisionInstanceId  that evaluation in the engine's decision history (Cockpit)
 */
record Judgement(ProposalRequest request, Policy policy, Map<String, String> signalDetails, Verdict verdict,
        int rulesVersion, String decisionInstanceId) {

    boolean escalate() {
        return verdict.escalate();
    }
}
