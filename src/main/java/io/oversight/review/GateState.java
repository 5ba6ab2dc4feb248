package io.oversight.review;

import io.oversight.escalation.AgentProposalProcess;
import io.oversight.escalation.ProposalProcess;
import io.oversight.proposal.ProposalDocument.Review;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalRecord;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalStore;
import io.oversight.proposal.ProposalType;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every deciding gateway of the agent-proposal process reads {@code gate}: the proposal's state as
 * the product stored it (escalated or not, type, control model, queue, action topic, the validated
 * decision), loaded from the product's tables when the gateway starts. It is a transient variable,
 * so nobody can write it from outside: a persistent variable of that name makes the load fail and
 * the process stops instead of deciding on it. The review tasks' queue and the action topic are read
 * from it too.
 */
@Component
class GateState {

    static final String GATE = AgentProposalProcess.Vars.GATE;

    private final ProposalStore store;
    private final ProposalJson json;
    private final DecisionStates decisions;

    GateState(ProposalStore store, ProposalJson json, DecisionStates decisions) {
        this.store = store;
        this.json = json;
        this.decisions = decisions;
    }

    @EventListener(condition = "#execution.eventName == 'start'")
    public void onStart(DelegateExecution execution) {
        if (execution.getProcessDefinitionId() == null
                || !execution.getProcessDefinitionId().startsWith(AgentProposalProcess.KEY + ":")
                || !(execution.getBpmnModelElementInstance() instanceof ExclusiveGateway gateway)
                || ((FlowNode) gateway).getOutgoing().size() < 2) {
            return;
        }
        String proposalId = execution.getProcessBusinessKey();
        ProposalRecord record = store.find(proposalId)
                .orElseThrow(() -> new IllegalStateException("No stored proposal " + proposalId));
        execution.setVariableLocal(GATE, Variables.untypedValue(state(record), true));
    }

    private Map<String, Object> state(ProposalRecord record) {
        Map<String, Object> gate = new HashMap<>();
        gate.put("escalate", record.escalated());
        gate.put("proposalType", record.type().name());
        Review review = json.read(record.review(), Review.class);
        gate.put("controlModel", review == null ? null : review.controlModel());
        gate.put("queue", review == null ? null : review.queue());
        if (record.type() == ProposalType.ACTION) {
            ProposalRequest request = json.request(record);
            gate.put("topic", ProposalProcess.actionTopic(request.action().kind()));
        }
        gate.put("decision", record.escalated()
                ? decisions.find(record.id()).map(DecisionState::decision).orElse(null) : null);
        return gate;
    }
}
