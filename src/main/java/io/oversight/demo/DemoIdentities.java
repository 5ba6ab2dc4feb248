package io.oversight.demo;

import io.oversight.security.ActionSystemProperties;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The demo's people (CONTRACT §2): one user per group, password = user id, and the action worker
 * in every action system. Created only in the demo profile, idempotently; outside it, a database
 * that still holds them is refused at start (security/DemoIdentityLeftovers).
 */
@Component
class DemoIdentities {

    static final Map<String, String> USERS = Map.of(
            "alice", "support-agents", "lena", "support-leads", "bill", "billing", "sam", "trust-safety",
            "lee", "legal", "fran", "finance", "quinn", "qa", "admin", "camunda-admin");
    /** The demo's action system account: a member of every configured action system (the reference worker serves all kinds). */
    static final String ACTION_WORKER = "action-worker";

    private final IdentityService identity;
    private final ActionSystemProperties actionSystems;

    DemoIdentities(IdentityService identity, ActionSystemProperties actionSystems) {
        this.identity = identity;
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
        // groups, Tasklist access and grants: security/ReviewerAccess and ActionSystemAccess, in every profile
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
}
