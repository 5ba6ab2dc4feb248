package io.oversight.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.escalation.AgentProposalProcess;
import io.oversight.qa.QaSampling;
import io.oversight.support.ApiClient;
import io.oversight.support.Proposals;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scripted traffic for the metrics tests: proposals submitted as the demo agent, decided in the
 * engine as the demo people, QA reviews as quinn — and then the times of each row set to known
 * values, so waits and percentiles are exact.
 */
final class Traffic {

    static final Map<String, List<String>> GROUPS = Map.of("lena", List.of("support-leads"), "lee", List.of("legal"),
            "sam", List.of("trust-safety"), "fran", List.of("finance"), "bill", List.of("billing"),
            "quinn", List.of("qa"), "alice", List.of("support-agents"));

    private final Proposals proposals;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final IdentityService identity;
    private final JdbcClient jdbc;

    Traffic(Proposals proposals, TaskService tasks, RuntimeService runtime, ManagementService management,
            IdentityService identity, JdbcClient jdbc) {
        this.proposals = proposals;
        this.tasks = tasks;
        this.runtime = runtime;
        this.management = management;
        this.identity = identity;
        this.jdbc = jdbc;
    }

    /** Nothing left from an earlier test: no process instances, no proposals. */
    void reset() {
        List<String> instances = runtime.createProcessInstanceQuery().list().stream().map(ProcessInstance::getId).toList();
        if (!instances.isEmpty()) {
            runtime.deleteProcessInstances(instances, "metrics test reset", true, true);
        }
        jdbc.sql("delete from ovs_webhook_delivery").update();
        jdbc.sql("delete from ovs_proposal_reason").update();
        jdbc.sql("delete from ovs_proposal_source").update();
        jdbc.sql("delete from ovs_proposal").update();
    }

    String submit(String example) {
        return submit(ApiClient.freshExample(example));
    }

    String submit(ObjectNode body) {
        return proposals.submit(body).id();
    }

    /** A routine reply in the given workflow: approved by the rules. */
    String routine(String workflow) {
        ObjectNode body = ApiClient.freshExample("routine-reply");
        body.put("workflow", workflow);
        String id = submit(body);
        assertThat(proposals.current(id).status().name()).isEqualTo("APPROVED");
        return id;
    }

    /** Completes the proposal's open review task as the person, the way Tasklist would. */
    void decide(String id, String user, Map<String, Object> variables) {
        complete(reviewTask(id), user, variables);
    }

    void claim(String id, String user) {
        as(user, () -> tasks.claim(reviewTask(id).getId(), user));
    }

    /** Completes the proposal's QA task (post-action audit or blind review) as quinn. */
    void qa(String id, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().processDefinitionKey(QaSampling.PROCESS_KEY).processInstanceBusinessKey(id)
                .singleResult();
        assertThat(task).as("QA task of %s", id).isNotNull();
        complete(task, "quinn", variables);
    }

    /** The veto window of the proposal closes without a veto: its timer fires. */
    void closeVetoWindow(String id) {
        String instance = proposals.instance(id).getId();
        var job = management.createJobQuery().processInstanceId(instance)
                .activityId(AgentProposalProcess.Elements.TIMER_VETO_WINDOW_CLOSED).singleResult();
        management.executeJob(job.getId());
    }

    /** Sets when the proposal was created and decided (null: not decided) and when its review was due. */
    void times(String id, Instant created, Instant decided, Instant due) {
        int rows = jdbc.sql("""
                update ovs_proposal set created_at = :created, created_ms = :createdMs, decided_at = :decided,
                  decided_ms = :decidedMs, due_at = :due where id = :id""")
                .param("created", created.atOffset(ZoneOffset.UTC)).param("createdMs", created.toEpochMilli())
                .param("decided", decided == null ? null : decided.atOffset(ZoneOffset.UTC))
                .param("decidedMs", decided == null ? null : decided.toEpochMilli())
                .param("due", due == null ? null : due.atOffset(ZoneOffset.UTC)).param("id", id).update();
        assertThat(rows).isEqualTo(1);
    }

    void qaAt(String id, Instant at) {
        assertThat(jdbc.sql("update ovs_proposal set qa_at = :at where id = :id and qa_at is not null")
                .param("at", at.atOffset(ZoneOffset.UTC)).param("id", id).update()).as("QA of %s", id).isEqualTo(1);
    }

    String status(String id) {
        return proposals.current(id).status().name();
    }

    private Task reviewTask(String id) {
        Task task = tasks.createTaskQuery().processDefinitionKey(AgentProposalProcess.KEY).processInstanceBusinessKey(id)
                .singleResult();
        assertThat(task).as("review task of %s", id).isNotNull();
        return task;
    }

    private void complete(Task task, String user, Map<String, Object> variables) {
        as(user, () -> tasks.complete(task.getId(), variables));
    }

    private void as(String user, Runnable action) {
        identity.setAuthentication(user, GROUPS.get(user));
        try {
            action.run();
        } finally {
            identity.clearAuthentication();
        }
    }
}
