package io.oversight.escalation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Evaluates the escalation rules (the DMN {@code escalationRules}) through the engine's decision
 * service, before any process starts, in the caller's transaction: the evaluation is written to the
 * engine's decision history (Cockpit's decision instances) like one made by a business rule task.
 * The version that decided is the one evaluated, never "the latest" looked up later.
 */
@Component
class EscalationRules {

    /**
     * One evaluation: the fired rows (the table's outputs, one map per row), the version of the
     * decision definition evaluated and the id of its decision instance in the engine's history.
     */
    record Evaluation(List<Map<String, Object>> hits, int version, String decisionInstanceId) {}

    private final ProcessEngineConfigurationImpl engine;
    private final LatestRules latest;

    EscalationRules(ProcessEngine engine, LatestRules latest) {
        this.engine = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        this.latest = latest;
    }

    Evaluation evaluate(Map<String, Object> inputs) {
        return engine.getCommandExecutorTxRequired().execute(context -> evaluate(context, inputs));
    }

    private Evaluation evaluate(CommandContext context, Map<String, Object> inputs) {
        DecisionDefinition rules = latest.resolve(context);
        // The product evaluates its own rules for an agent's submission: no person's grants apply, so the
        // decision service's command (its authorization check and a second lookup of the definition by id)
        // is skipped; the evaluation is the one that command makes, with its decision history.
        DmnDecisionResult result;
        try {
            result = DecisionEvaluationUtil.evaluateDecision(rules, Variables.fromMap(inputs));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ProcessEngineException("escalationRules could not be evaluated", e);
        }
        return new Evaluation(result.getResultList(), rules.getVersion(), historyEntry(context, rules.getId()));
    }

    /** The history entry this evaluation just wrote (null only when the history level records no decisions). */
    private static String historyEntry(CommandContext context, String definitionId) {
        return context.getDbEntityManager().getCachedEntitiesByType(HistoricDecisionInstanceEntity.class).stream()
                .filter(d -> definitionId.equals(d.getDecisionDefinitionId()))
                .max(Comparator.comparing(HistoricDecisionInstanceEntity::getEvaluationTime))
                .map(HistoricDecisionInstanceEntity::getId).orElse(null);
    }
}
