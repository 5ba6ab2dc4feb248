package io.oversight.security;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The groups reviewers and administrators need, in every profile (CONTRACT §2): one per queue plus
 * {@code camunda-admin}, with Tasklist access, read access to the proposal process, history for
 * the owners and everything for administrators. The queues' Tasklist filters are created by the
 * review module. Who belongs to which group is the administrator's business (Camunda Admin); only
 * the demo profile adds people. Idempotent.
 */
@Component
class ReviewerAccess {

    static final String ADMIN_GROUP = "camunda-admin";
    static final List<String> DEFAULT_QUEUES =
            List.of("support-agents", "support-leads", "billing", "trust-safety", "legal", "finance", "qa");
    private static final String PROPOSAL_PROCESS = ActionSystemAccess.PROPOSAL_PROCESS;

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final List<String> queues;

    ReviewerAccess(IdentityService identity, AuthorizationService authorizations, Environment environment) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.queues = Binder.get(environment).bind("oversight.queues.groups", Bindable.listOf(String.class))
                .orElse(DEFAULT_QUEUES); // the same default as the review module's QueueProperties
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(-25)
    void createGroupsAndGrants() {
        group(ADMIN_GROUP, "SYSTEM");
        for (Resources resource : Resources.values()) {
            grant(ADMIN_GROUP, resource, "*", Permissions.ALL);
        }
        for (String queue : queues) {
            group(queue, "WORKFLOW");
            grant(queue, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(queue, Resources.PROCESS_DEFINITION, PROPOSAL_PROCESS, Permissions.READ);
        }
        grant("support-leads", Resources.PROCESS_DEFINITION, PROPOSAL_PROCESS, Permissions.READ_HISTORY);
        grant("qa", Resources.PROCESS_DEFINITION, PROPOSAL_PROCESS, Permissions.READ_HISTORY);
        grant("qa", Resources.PROCESS_DEFINITION, "post-action-qa", Permissions.READ, Permissions.READ_INSTANCE);
    }

    private void group(String id, String type) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(id);
            group.setType(type);
            identity.saveGroup(group);
        }
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        if (authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource).resourceId(resourceId).count() > 0) {
            return;
        }
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(group);
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        for (Permission permission : permissions) {
            grant.addPermission(permission);
        }
        authorizations.saveAuthorization(grant);
    }
}
