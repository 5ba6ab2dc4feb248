package io.oversight.escalation;

import io.oversight.escalation.AgentProposalProcess.Vars;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.stereotype.Component;

/**
 * History level {@code full} (same id and name, so existing databases keep theirs), less one duplicate: the
 * {@code ACT_HI_DETAIL} row written when an agent-proposal instance <em>creates</em> one of its read-only
 * review-context variables.
 *
 * <p>At history level full the engine writes every variable three times when it is created: the runtime row,
 * its historic instance ({@code ACT_HI_VARINST}, which keeps the value after the process ends) and a detail
 * row ({@code ACT_HI_DETAIL}) with the same value again (and for a Json value a copy of its bytes each time).
 * For the context an escalated proposal starts with — about twenty variables, three of them Json — the
 * creation details were a seventh of all statements per escalated proposal and carry nothing that the
 * historic variable instance does not: these variables are written once, by the start, and no step, form or
 * person changes them (a person cannot write them at all: {@code VariableWriteGuard}). So the creation detail
 * of exactly these variables is not written; every other history event is: every later change of any variable
 * (if an operator did change one, that update detail is written as before), the decision variables a
 * reviewer completes with (prefilled ones included), priority changes, notes, activity, task, incident and
 * decision history. The audit ledger and the product's tables are untouched.
 */
@Component
class ReviewContextHistory extends AbstractProcessEnginePlugin {

    /** Written once at start, never changed: the submission, the review context the form shows, routing facts. */
    static final Set<String> WRITTEN_ONCE = Set.of(Vars.PROPOSAL_ID, Vars.PROPOSAL, Vars.PROPOSAL_TYPE, Vars.CHANNEL,
            Vars.RULES_VERSION, Vars.REASONS, Vars.REASON_CODES, Vars.PRIMARY_REASON, Vars.CUSTOMER_NAME,
            Vars.REVIEW_DUE_AT, Vars.SLA_WARNING_AT, Vars.IDEMPOTENCY_KEY, Vars.ACTION_TOPIC,
            ReviewDecisions.DECISION_OPTIONS, "reviewHeadline", "reasonsText", "conversationText", "customerText",
            "sourcesText", "attemptedStepsText", "proposedReply", "proposedActionText");

    /**
     * Offered as a custom level named {@code full}: the engine picks the last level whose name matches its
     * configured history, so this one applies exactly when the history is {@code full}, whoever sets it.
     */
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(new Level());
        configuration.setCustomHistoryLevels(levels);
    }

    static final class Level extends HistoryLevelFull {
        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL
                    && entity instanceof HistoricVariableUpdateEventEntity variable
                    && variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
                    && AgentProposalProcess.KEY.equals(variable.getProcessDefinitionKey())
                    && WRITTEN_ONCE.contains(variable.getVariableName())) {
                return false;
            }
            return super.isHistoryEventProduced(eventType, entity);
        }
    }
}
