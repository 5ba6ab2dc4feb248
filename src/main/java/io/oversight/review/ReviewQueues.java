package io.oversight.review;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The queues reviewers see in Tasklist: one filter per group, shared with that group only, plus
 * "My tasks"; sorted by priority, then due date. Created at start when missing.
 */
@Component
class ReviewQueues {

    private static final List<Map<String, String>> LIST_VARIABLES = List.of(
            Map.of("name", "customerName", "label", "Customer"),
            Map.of("name", "reasonCodes", "label", "Reasons"),
            Map.of("name", "channel", "label", "Channel"));

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationService authorizations;
    private final QueueProperties properties;

    ReviewQueues(FilterService filters, TaskService tasks, AuthorizationService authorizations,
            QueueProperties properties) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(-10)
    void createQueues() {
        int order = 0;
        for (String group : properties.groups()) {
            TaskQuery query = tasks.createTaskQuery().taskCandidateGroup(group)
                    .orderByTaskPriority().desc().orderByDueDate().asc();
            create("Queue: " + group, "Open reviews for " + group, query, order++, List.of(group));
        }
        TaskQuery mine = tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")
                .orderByTaskPriority().desc().orderByDueDate().asc();
        create("My tasks", "Reviews assigned to me", mine, -2, properties.groups());
        TaskQuery breaching = tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                .dueBeforeExpression("${now()}").orderByTaskPriority().desc().orderByDueDate().asc();
        create("Breaching SLA", "My queues' reviews past their due date", breaching, -1, properties.groups());
    }

    private void create(String name, String description, TaskQuery query, int priority, List<String> sharedWith) {
        if (filters.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        Filter filter = filters.newTaskFilter(name).setOwner("admin").setQuery(query).setProperties(Map.of(
                "description", description, "priority", priority, "refresh", true, "variables", LIST_VARIABLES));
        filters.saveFilter(filter);
        for (String group : sharedWith) {
            Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(group);
            grant.setResource(Resources.FILTER);
            grant.setResourceId(filter.getId());
            grant.addPermission(Permissions.READ);
            authorizations.saveAuthorization(grant);
        }
    }
}
