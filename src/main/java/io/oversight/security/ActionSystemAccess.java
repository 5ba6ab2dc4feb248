package io.oversight.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One Camunda group per configured action system, in every profile, with the engine grants that
 * fetching and completing external tasks needs: READ, READ_INSTANCE and UPDATE_INSTANCE on the
 * proposal process. Those grants are coarser than the contract (UPDATE_INSTANCE would also allow
 * modification, variable writes, …); {@link EngineRestGuard} narrows them to the external tasks of
 * the system's own topics. Idempotent.
 */
@Component
class ActionSystemAccess {

    /** The process whose external tasks are actions (agent-proposal.bpmn); a literal to keep security free of escalation. */
    static final String PROPOSAL_PROCESS = "agent-proposal";

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final ActionSystemProperties systems;

    ActionSystemAccess(IdentityService identity, AuthorizationService authorizations, ActionSystemProperties systems) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.systems = systems;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(-20)
    void createGroups() {
        systems.topicsByGroup().forEach((groupId, topics) -> {
            if (identity.createGroupQuery().groupId(groupId).count() == 0) {
                Group group = identity.newGroup(groupId);
                group.setName("Action system " + groupId.substring(ActionSystemProperties.GROUP_PREFIX.length())
                        + " (" + String.join(", ", topics) + ")");
                group.setType("ACTION_SYSTEM");
                identity.saveGroup(group);
            }
            boolean granted = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                    .resourceType(Resources.PROCESS_DEFINITION).resourceId(PROPOSAL_PROCESS).count() > 0;
            if (!granted) {
                Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                grant.setGroupId(groupId);
                grant.setResource(Resources.PROCESS_DEFINITION);
                grant.setResourceId(PROPOSAL_PROCESS);
                grant.addPermission(Permissions.READ);
                grant.addPermission(Permissions.READ_INSTANCE);
                grant.addPermission(Permissions.UPDATE_INSTANCE);
                authorizations.saveAuthorization(grant);
            }
        });
    }
}
