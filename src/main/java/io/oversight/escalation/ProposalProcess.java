package io.oversight.escalation;

import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.policy.Policies;
import io.oversight.policy.Policy;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalType;
import io.oversight.proposal.ProposalWorkflow;
import java.util.Locale;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.springframework.stereotype.Component;

/** Starts one agent-proposal process per proposal, business key = proposal id. */
@Component
public class ProposalProcess implements ProposalWorkflow {

    private final RuntimeService runtime;
    private final ObjectMapper mapper;
    private final Policies policies;

    ProposalProcess(RuntimeService runtime, ObjectMapper mapper, Policies policies) {
        this.policies = policies;
        this.runtime = runtime;
        this.mapper = mapper;
    }

    @Override
    public void start(String proposalId, ProposalRequest request) {
        runtime.startProcessInstanceByKey(AgentProposalProcess.KEY, proposalId, variables(proposalId, request));
    }

    /** Delivers the answer to a reviewer's question to the waiting process. */
    @Override
    public void answer(String proposalId, String answer, String answeredBy) {
        runtime.createMessageCorrelation(AgentProposalProcess.MESSAGE_INFORMATION_PROVIDED)
                .processInstanceBusinessKey(proposalId)
                .setVariable(Vars.INFORMATION_ANSWER, answer)
                .setVariable("informationAnsweredBy", answeredBy)
                .correlate();
    }

    static String actionTopic(String kind) {
        return "action-" + kind.toLowerCase(Locale.ROOT);
    }

    private VariableMap variables(String proposalId, ProposalRequest r) {
        Policy policy = policies.effective(r.workflowOrDefault());
        VariableMap vars = Variables.fromMap(RuleInputs.of(r, policy.mode().name()))
                .putValue(Vars.PROPOSAL_ID, proposalId)
                .putValueTyped(Vars.PROPOSAL, SpinValues.jsonValue(json(r)).create())
                .putValueTyped(Vars.PROPOSAL_REQUEST, Variables.objectValue(r, true).create())
                .putValue(Vars.QA_SAMPLE_RATE, policy.qaSampleRate())
                .putValue(Vars.IDEMPOTENCY_KEY, r.idempotencyKey());
        boolean action = r.type() == ProposalType.ACTION;
        if (action) {
            vars.putValue(Vars.ACTION_TOPIC, actionTopic(r.action().kind()));
        }
        return vars;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
