package io.oversight.demo;

import io.oversight.security.ActionSystemProperties;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The demo's people and queues (CONTRACT §2): one user per group, password = user id. Created
 * only in the demo profile, idempotently.
 */
@Component
class DemoIdentities {

    static final String PROCESS_KEY = "agent-proposal";
    static final List<String> REVIEW_GROUPS =
            List.of("support-agents", "support-leads", "billing", "trust-safety", "legal", "finance", "qa");
    static final Map<String, String> USERS = Map.of(
            "alice", "support-agents", "lena", "support-leads", "bill", "billing", "sam", "trust-safety",
            "lee", "legal", "fran", "finance", "quinn", "qa", "admin", "camunda-admin");
    /** The demo's action system account: a member of every configured action system (the reference worker serves all kinds). */
    static final String ACTION_WORKER = "action-worker";

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final ActionSystemProperties actionSystems;

    DemoIdentities(IdentityService identity, AuthorizationService authorizations, ActionSystemProperties actionSystems) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.actionSystems = actionSystems;
    }

    void create() {
        USERS.forEach((user, group) -> {
            group(group);
            user(user);
            if (identity.createUserQuery().memberOfGroup(group).userId(user).count() == 0) {
                identity.createMembership(user, group);
            }
        });
        user(ACTION_WORKER);
        for (String group : actionSystems.topicsByGroup().keySet()) {
            if (identity.createUserQuery().memberOfGroup(group).userId(ACTION_WORKER).count() == 0) {
                identity.createMembership(ACTION_WORKER, group); // the group itself: ActionSystemAccess, every profile
            }
        }
        for (String group : REVIEW_GROUPS) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.PROCESS_DEFINITION, PROCESS_KEY, Permissions.READ);
        }
        grant("support-leads", Resources.PROCESS_DEFINITION, PROCESS_KEY, Permissions.READ_HISTORY);
        grant("qa", Resources.PROCESS_DEFINITION, PROCESS_KEY, Permissions.READ_HISTORY);
        grant("qa", Resources.PROCESS_DEFINITION, "post-action-qa", Permissions.READ, Permissions.READ_INSTANCE);
        for (Resources resource : Resources.values()) {
            grant("camunda-admin", resource, "*", Permissions.ALL);
        }
    }

    private void group(String id) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(id);
            group.setType(id.equals("camunda-admin") ? "SYSTEM" : "WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private void user(String id) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(Character.toUpperCase(id.charAt(0)) + id.substring(1));
            user.setLastName("Demo");
            user.setEmail(id + "@oversight.example");
            user.setPassword(id);
            identity.saveUser(user);
        }
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).count() > 0;
        if (exists) {
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
