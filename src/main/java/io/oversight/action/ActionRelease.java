package io.oversight.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Hands an approved action to the action system: the external task on {@code action-<kind>} reads
 * exactly these variables (CONTRACT §5). Nothing else can make an action run.
 */
@Component
public class ActionRelease {

    /** Variables an action system reads from its external task (CONTRACT §5). */
    public static final String PROPOSAL_ID = "proposalId";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String ACTION = "action";
    public static final String CUSTOMER = "customer";

    private final ObjectMapper mapper;

    ActionRelease(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void prepare(VariableScope scope, JsonNode approvedAction, Object customer) {
        scope.setVariable(ACTION, SpinValues.jsonValue(write(approvedAction)).create());
        scope.setVariable(CUSTOMER, SpinValues.jsonValue(write(customer)).create());
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
