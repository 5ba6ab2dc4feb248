package io.oversight.review;

import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * The engine's own authorizations for a task's candidate groups and users, as Camunda makes them, without
 * asking the database for an existing grant on a task created in this very command: such a task is not
 * stored yet, so no stored authorization can name it (the grants pending in the command are still merged
 * by the engine as before). Saves one query per review task created, the first one of every escalated
 * proposal among them.
 */
@Component
class NewTaskAuthorizations extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getResourceAuthorizationProvider() == null
                || configuration.getResourceAuthorizationProvider().getClass() == DefaultAuthorizationProvider.class) {
            configuration.setResourceAuthorizationProvider(new Provider());
        }
    }

    static final class Provider extends DefaultAuthorizationProvider {

        @Override
        protected AuthorizationEntity getGrantAuthorizationByGroupId(String groupId, Resource resource, String resourceId) {
            return isNewTask(resource, resourceId) ? null : super.getGrantAuthorizationByGroupId(groupId, resource, resourceId);
        }

        @Override
        protected AuthorizationEntity getGrantAuthorizationByUserId(String userId, Resource resource, String resourceId) {
            return isNewTask(resource, resourceId) ? null : super.getGrantAuthorizationByUserId(userId, resource, resourceId);
        }

        private static boolean isNewTask(Resource resource, String resourceId) {
            if (resource.resourceType() != Resources.TASK.resourceType() || resourceId == null) {
                return false;
            }
            CommandContext context = Context.getCommandContext();
            if (context == null) {
                return false;
            }
            DbEntityManager db = context.getDbEntityManager();
            TaskEntity task = db.getCachedEntity(TaskEntity.class, resourceId);
            return task != null && db.getDbEntityCache().isTransient(task);
        }
    }
}
