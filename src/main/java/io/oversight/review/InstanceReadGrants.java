package io.oversight.review;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
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
        if (exists(groupId, processInstanceId)) {
            return;
        }
        Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        read.setGroupId(groupId);
        read.setResource(Resources.PROCESS_INSTANCE);
        read.setResourceId(processInstanceId);
        read.addPermission(Permissions.READ);
        authorizations.saveAuthorization(read);
    }

    /** Whether the process instance was started in the current engine command (it is not stored yet). */
    static boolean startedInThisCommand(String processInstanceId) {
        CommandContext context = Context.getCommandContext();
        if (context == null || processInstanceId == null) {
            return false;
        }
        DbEntityManager db = context.getDbEntityManager();
        ExecutionEntity instance = db.getCachedEntity(ExecutionEntity.class, processInstanceId);
        return instance != null && db.getDbEntityCache().isTransient(instance);
    }

    /**
     * Whether the group can already read the instance. An instance started in this very command (the first
     * review task of an escalated proposal) has no stored authorization yet, so only the grants pending in
     * this command are looked at, without a query; any other instance is asked of the database.
     */
    private boolean exists(String groupId, String processInstanceId) {
        if (startedInThisCommand(processInstanceId)) {
            return Context.getCommandContext().getDbEntityManager().getCachedEntitiesByType(AuthorizationEntity.class)
                    .stream().anyMatch(a -> groupId.equals(a.getGroupId()) && processInstanceId.equals(a.getResourceId())
                            && a.getResourceType() == Resources.PROCESS_INSTANCE.resourceType());
        }
        return authorizations.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(Resources.PROCESS_INSTANCE).resourceId(processInstanceId).count() > 0;
    }
}
