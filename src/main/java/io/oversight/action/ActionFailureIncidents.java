package io.oversight.action;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
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
    private final ObjectProvider<AuditLog> audit;

    ActionFailureIncidents(ObjectProvider<ProposalStore> store, ObjectProvider<AuditLog> audit) {
        this.store = store;
        this.audit = audit;
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
                audit.getObject().record(id, AuditEventType.ACTION_FAILED, "action-system",
                        AuditLog.details("message", message, "incident", incident.getId()));
                store.getObject().update(id, ProposalChange.status(ProposalStatus.EXECUTION_FAILED));
            }
            return incident;
        }
    }
}
