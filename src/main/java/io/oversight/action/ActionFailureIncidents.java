package io.oversight.action;

import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalStatus;
import io.oversight.proposal.ProposalStore;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * When the action system has used up its retries the engine raises an incident (shown in
 * Cockpit); this handler keeps that and also marks the proposal {@code EXECUTION_FAILED}.
 */
@Component
class ActionFailureIncidents extends AbstractProcessEnginePlugin {

    private final ObjectProvider<ProposalStore> store;

    ActionFailureIncidents(ObjectProvider<ProposalStore> store) {
        this.store = store;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomIncidentHandlers());
        handlers.add(new Handler());
        configuration.setCustomIncidentHandlers(handlers);
    }

    private final class Handler extends DefaultIncidentHandler {

        Handler() {
            super(Incident.EXTERNAL_TASK_HANDLER_TYPE);
        }

        @Override
        public Incident handleIncident(IncidentContext context, String message) {
            Incident incident = super.handleIncident(context, message);
            ExecutionEntity execution = Context.getCommandContext().getExecutionManager()
                    .findExecutionById(context.getExecutionId());
            Object proposalId = execution == null ? null : execution.getVariable(ActionRelease.PROPOSAL_ID);
            if (proposalId instanceof String id) {
                store.getObject().update(id, ProposalChange.status(ProposalStatus.EXECUTION_FAILED));
            }
            return incident;
        }
    }
}
