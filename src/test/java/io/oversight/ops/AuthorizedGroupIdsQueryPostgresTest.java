package io.oversight.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.oversight.support.ThrowawayPostgres;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Camunda's "groups with any authorization" statement, replaced on PostgreSQL by an index skip scan
 * ({@link AuthorizedGroupIdsQuery}): a real engine on a database of its own, with grants of several
 * groups, a user and per-task grants.
 */
@EnabledIfEnvironmentVariable(named = "OVERSIGHT_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "Set OVERSIGHT_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/<db> to run on PostgreSQL; .ci/run does this")
class AuthorizedGroupIdsQueryPostgresTest {

    private static final String DATABASE = ThrowawayPostgres.uniqueName("ovs_authz_groups");

    private static ProcessEngine engine;
    private static ProcessEngineConfigurationImpl configuration;

    @BeforeAll
    static void engineWithThePlugin() throws SQLException {
        ThrowawayPostgres.create(DATABASE);
        StandaloneProcessEngineConfiguration standalone = new StandaloneProcessEngineConfiguration();
        standalone.setJdbcUrl(ThrowawayPostgres.url(DATABASE));
        standalone.setJdbcUsername(ThrowawayPostgres.user());
        standalone.setJdbcPassword(ThrowawayPostgres.password());
        standalone.setJdbcDriver("org.postgresql.Driver");
        standalone.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        standalone.setAuthorizationEnabled(true);
        standalone.setJobExecutorActivate(false);
        standalone.setDbMetricsReporterActivate(false);
        standalone.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
        standalone.setProcessEngineName("authorized-group-ids-test");
        standalone.setProcessEnginePlugins(new ArrayList<>(List.of(new AuthorizedGroupIdsQuery())));
        configuration = standalone;
        engine = standalone.buildProcessEngine();
    }

    @AfterAll
    static void closeAndDrop() throws SQLException {
        if (engine != null) {
            engine.close();
        }
        ThrowawayPostgres.drop(DATABASE);
    }

    @Test
    void camundaAsksTheReplacementAndGetsTheSameGroupsAndTheSameTasks() {
        AuthorizationService authorizations = engine.getAuthorizationService();
        TaskService tasks = engine.getTaskService();
        grant(authorizations, "queue-a", null, Resources.FILTER, "*", Permissions.READ);
        grant(authorizations, "queue-b", null, Resources.PROCESS_DEFINITION, "some-process", Permissions.READ);
        grant(authorizations, null, "reviewer", Resources.TASK, "*", Permissions.UPDATE);
        // a backlog: tasks of queue-a, each with the grant Camunda gives a candidate group
        List<String> queueA = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Task task = tasks.newTask();
            tasks.saveTask(task);
            tasks.addCandidateGroup(task.getId(), "queue-a");
            queueA.add(task.getId());
        }
        Task other = tasks.newTask();
        tasks.saveTask(other);
        tasks.addCandidateGroup(other.getId(), "queue-b");

        assertThat(configuration.getDbSqlSessionFactory().mapStatement(AuthorizedGroupIdsQuery.CAMUNDA_STATEMENT))
                .isEqualTo(AuthorizedGroupIdsQuery.STATEMENT);
        // Camunda's own statement (run directly, bypassing the mapping) and the replacement agree
        Set<String> camunda = new HashSet<>(command(context -> context.getDbSqlSession().getSqlSession()
                .<String>selectList(AuthorizedGroupIdsQuery.CAMUNDA_STATEMENT)));
        camunda.removeIf(Objects::isNull);
        Set<String> replaced = new HashSet<>(command(context -> context.getDbSqlSession().getSqlSession()
                .<String>selectList(AuthorizedGroupIdsQuery.STATEMENT)));
        assertThat(camunda).contains("queue-a", "queue-b");
        assertThat(replaced).isEqualTo(camunda);
        // and what the engine does with it: the groups of a user that have grants, then the tasks they see
        List<String> withGrants = command(context -> context.getAuthorizationManager()
                .filterAuthenticatedGroupIds(List.of("queue-a", "queue-b", "no-grants")));
        assertThat(withGrants).containsExactlyInAnyOrder("queue-a", "queue-b");
        try {
            engine.getIdentityService().setAuthentication("lena", List.of("queue-a", "no-grants"));
            assertThat(tasks.createTaskQuery().list()).extracting(Task::getId).containsExactlyInAnyOrderElementsOf(queueA);
            assertThat(tasks.createTaskQuery().taskCandidateGroup("queue-a").count()).isEqualTo(queueA.size());
            engine.getIdentityService().setAuthentication("sam", List.of("no-grants"));
            assertThat(tasks.createTaskQuery().count()).isZero();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    @Test
    void otherDatabasesAndPrefixedTablesKeepCamundasStatement() {
        StandaloneProcessEngineConfiguration h2 = new StandaloneProcessEngineConfiguration();
        h2.setDatabaseType("h2");
        assertThat(AuthorizedGroupIdsQuery.applies(h2)).isFalse();
        StandaloneProcessEngineConfiguration prefixed = new StandaloneProcessEngineConfiguration();
        prefixed.setDatabaseType("postgres");
        prefixed.setDatabaseTablePrefix("camunda.");
        assertThat(AuthorizedGroupIdsQuery.applies(prefixed)).isFalse();
        assertThat(AuthorizedGroupIdsQuery.applies(configuration)).isTrue();
    }

    private static <T> T command(Command<T> command) {
        return configuration.getCommandExecutorTxRequired().execute(command);
    }

    private static void grant(AuthorizationService authorizations, String group, String user,
            Resources resource, String resourceId, Permissions permission) {
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(group);
        grant.setUserId(user);
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        grant.addPermission(permission);
        authorizations.saveAuthorization(grant);
    }
}
