package io.oversight.review;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * Lets a queue's members read the variables of one proposal's process instance (what Tasklist
 * shows in the list), and nothing of other proposals.
 */
@Component
class InstanceReadGrants {

    private final AuthorizationService authorizations;

    InstanceReadGrants(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    void grant(String groupId, String processInstanceId) {
        boolean exists = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(Resources.PROCESS_INSTANCE).resourceId(processInstanceId).count() > 0;
        if (exists) {
            return;
        }
        Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        read.setGroupId(groupId);
        read.setResource(Resources.PROCESS_INSTANCE);
        read.setResourceId(processInstanceId);
        read.addPermission(Permissions.READ);
        authorizations.saveAuthorization(read);
    }
}
