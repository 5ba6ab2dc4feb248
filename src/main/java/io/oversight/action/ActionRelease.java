package io.oversight.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Records an approval and hands an approved action to the action system: the external task on
 * {@code action-<kind>} reads exactly these variables (CONTRACT §5). Nothing else can make an action run,
 * and the release step verifies the action against the recorded approval first.
 */
@Component
public class ActionRelease {

    /** Variables an action system reads from its external task (CONTRACT §5). */
    public static final String PROPOSAL_ID = "proposalId";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String ACTION = "action";
    public static final String CUSTOMER = "customer";
    public static final String APPROVAL_HASH = "approvalHash";
    /** The rule version that decided the proposal, recorded by the routing step. */
    public static final String RULES_VERSION = "rulesVersion";

    private final ObjectMapper mapper;
    private final Approvals approvals;

    ActionRelease(ObjectMapper mapper, Approvals approvals) {
        this.mapper = mapper;
        this.approvals = approvals;
    }

    /** Records the approval of a reply (or an action) and returns it; who approved, under which rules and model. */
    public Approval approve(DelegateExecution execution, JsonNode approved, List<String> approvers) {
        Object rules = execution.getVariable(RULES_VERSION);
        Integer processVersion = execution.getProcessEngineServices().getRepositoryService()
                .getProcessDefinition(execution.getProcessDefinitionId()).getVersion();
        return approve((String) execution.getVariable(PROPOSAL_ID), approved, approvers,
                rules instanceof Number n ? n.intValue() : null, processVersion);
    }

    /**
     * Records an approval given outside a process (the escalation rules approving a routine proposal
     * before any process starts): no process version decided it, the rules version did.
     */
    public Approval approve(String proposalId, JsonNode approved, List<String> approvers, Integer rulesVersion,
            Integer processVersion) {
        return approvals.record(proposalId, approved, approvers, rulesVersion, processVersion);
    }

    /** Records the approval of an action and puts exactly that action on the way to the action system. */
    public Approval prepare(DelegateExecution execution, JsonNode approvedAction, Object customer, List<String> approvers) {
        Approval approval = approve(execution, approvedAction, approvers);
        execution.setVariables(handOver(approval, customer));
        return approval;
    }

    /**
     * The variables that hand exactly the approved action to the action system (CONTRACT §5), for an
     * instance that only releases it; the release step verifies them against the recorded approval.
     */
    public VariableMap handOver(Approval approval, Object customer) {
        return Variables.createVariables()
                .putValueTyped(ACTION, SpinValues.jsonValue(approval.approvedPayload()).create())
                .putValueTyped(CUSTOMER, SpinValues.jsonValue(write(customer)).create())
                .putValue(APPROVAL_HASH, approval.approvalHash());
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
