package io.oversight.escalation;

import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalStore;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The agent's submission inside the process: the transient object handed over at start, or the
 * stored body once the process has passed a wait state.
 */
@Component
class ProposalRequests {

    private final ProposalStore store;
    private final ProposalJson json;

    ProposalRequests(ProposalStore store, ProposalJson json) {
        this.store = store;
        this.json = json;
    }

    ProposalRequest of(VariableScope scope) {
        Object transientRequest = scope.getVariable(Vars.PROPOSAL_REQUEST);
        if (transientRequest instanceof ProposalRequest request) {
            return request;
        }
        String id = (String) scope.getVariable(Vars.PROPOSAL_ID);
        return json.request(store.find(id).orElseThrow(() -> new IllegalStateException("No proposal " + id)));
    }
}
