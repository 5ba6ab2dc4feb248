package io.oversight.escalation;

import java.util.Comparator;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity;
import org.springframework.stereotype.Component;

/**
 * Which version of the escalation rules decided a proposal: the decision definition of the very
 * evaluation the business rule task just made for this process instance (its history entry, written
 * in the same transaction), never a cache or "the latest" looked up later.
 */
@Component
class EvaluatedRules {

    private final RepositoryService repository;

    EvaluatedRules(RepositoryService repository) {
        this.repository = repository;
    }

    /** The evaluated version, or fails: the trail must not name rules that may not have decided. */
    int version(DelegateExecution execution) {
        String definitionId = fromThisTransaction(execution);
        if (definitionId == null) {
            definitionId = fromHistory(execution);
        }
        if (definitionId == null) {
            throw new IllegalStateException("No evaluation of " + AgentProposalProcess.DECISION_KEY
                    + " is recorded for process instance " + execution.getProcessInstanceId());
        }
        return repository.getDecisionDefinition(definitionId).getVersion();
    }

    private static String fromThisTransaction(DelegateExecution execution) {
        if (Context.getCommandContext() == null) {
            return null;
        }
        return Context.getCommandContext().getDbEntityManager().getCachedEntitiesByType(HistoricDecisionInstanceEntity.class)
                .stream()
                .filter(d -> execution.getProcessInstanceId().equals(d.getProcessInstanceId())
                        && AgentProposalProcess.DECISION_KEY.equals(d.getDecisionDefinitionKey()))
                .max(Comparator.comparing(HistoricDecisionInstanceEntity::getEvaluationTime))
                .map(HistoricDecisionInstanceEntity::getDecisionDefinitionId).orElse(null);
    }

    private String fromHistory(DelegateExecution execution) {
        return execution.getProcessEngineServices().getHistoryService().createHistoricDecisionInstanceQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .decisionDefinitionKey(AgentProposalProcess.DECISION_KEY)
                .orderByEvaluationTime().desc().list().stream().findFirst()
                .map(HistoricDecisionInstance::getDecisionDefinitionId).orElse(null);
    }
}
