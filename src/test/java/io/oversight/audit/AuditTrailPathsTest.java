package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import io.oversight.support.Proposals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The audit trail of each path through the process, asserted event by event. */
@OversightTest
class AuditTrailPathsTest {

    private static final List<String> LEADS = List.of("support-leads");

    @LocalServerPort int port;
    @Autowired Proposals proposals;
    @Autowired ExternalTaskService externalTasks;
    @Autowired ManagementService management;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void routineApproval() {
        String id = proposals.submitExample("routine-reply").id();
        assertThat(types(id)).containsExactly("PROPOSED", "RULES_EVALUATED", "DECIDED");
        assertThat(events(id).get(2).get("actor").asText()).isEqualTo("system");
    }

    @Test
    void editThenRelease() {
        String id = proposals.submitExample("angry-customer").id();
        proposals.decide(id, "lena", LEADS, Map.of("decision", "EDIT", "editedReply", "Sorry Rob, it ships today."));
        assertThat(types(id)).containsExactly("PROPOSED", "RULES_EVALUATED", "QUEUED", "CUSTOMER_NOTIFIED", "EDITED", "DECIDED");
    }

    @Test
    void approvedActionExecuted() {
        String id = proposals.submitExample("refund-approval").id();
        proposals.decide(id, "lena", LEADS, Map.of("decision", "APPROVE"));
        complete(id);
        assertThat(types(id)).containsExactly("PROPOSED", "RULES_EVALUATED", "QUEUED", "CUSTOMER_NOTIFIED", "DECIDED",
                "ACTION_EXECUTED");
    }

    @Test
    void failedAction() {
        String id = proposals.submitExample("refund-approval").id();
        proposals.decide(id, "lena", LEADS, Map.of("decision", "APPROVE"));
        LockedExternalTask task = lock(id);
        externalTasks.handleFailure(task.getId(), "billing", "billing system down", 0, 0);
        assertThat(types(id)).endsWith("DECIDED", "ACTION_FAILED");
        assertThat(events(id).get(types(id).size() - 1).get("details").get("message").asText()).isEqualTo("billing system down");
    }

    @Test
    void reassignThenReject() {
        String id = proposals.submitExample("vip-low-confidence").id();
        proposals.decide(id, "lena", LEADS, Map.of("decision", "REASSIGN", "reassignTo", "support-agents", "reviewComment", "routine"));
        proposals.decide(id, "alice", List.of("support-agents"), Map.of("decision", "REJECT", "reviewComment", "wrong answer"));
        assertThat(types(id)).containsExactly("PROPOSED", "RULES_EVALUATED", "QUEUED", "CUSTOMER_NOTIFIED", "REASSIGNED",
                "QUEUED", "DECIDED");
        JsonNode reassigned = events(id).get(4);
        assertThat(reassigned.get("details").get("from").asText()).isEqualTo("support-leads");
        assertThat(reassigned.get("details").get("to").asText()).isEqualTo("support-agents");
    }

    @Test
    void questionAnswerDecision() {
        String id = proposals.submitExample("legal-question").id();
        proposals.decide(id, "lee", List.of("legal"), Map.of("decision", "REQUEST_INFO", "infoRequest", "Which version?",
                "reviewComment", "need it"));
        api.postJson("/api/v1/proposals/" + id + "/information", "{\"text\": \"v2\"}", "Bearer " + ApiClient.DEMO_AGENT_KEY);
        proposals.decide(id, "lee", List.of("legal"), Map.of("decision", "TAKE_OVER", "humanReply", "Lee here."));
        assertThat(types(id)).containsExactly("PROPOSED", "RULES_EVALUATED", "QUEUED", "CUSTOMER_NOTIFIED",
                "INFO_REQUESTED", "CUSTOMER_NOTIFIED", "INFO_PROVIDED", "CUSTOMER_NOTIFIED", "TAKEN_OVER");
        assertThat(events(id).get(6).get("actor").asText()).isEqualTo("agent:demo-agent");
    }

    @Test
    void slaWarningAndBreach() {
        String id = proposals.submitExample("angry-customer").id();
        fire(id, "timer_sla_warning");
        fire(id, "timer_sla_breached");
        assertThat(types(id)).containsExactly("PROPOSED", "RULES_EVALUATED", "QUEUED", "CUSTOMER_NOTIFIED",
                "SLA_WARNING", "CUSTOMER_NOTIFIED", "SLA_BREACHED", "CUSTOMER_NOTIFIED");
    }

    @Test
    void vetoAndVetoWindowClosing() {
        String vetoed = proposals.submit(smallSureRefund()).id();
        proposals.decide(vetoed, "lena", LEADS, Map.of("decision", "VETO", "reviewComment", "duplicate"));
        assertThat(types(vetoed)).containsExactly("PROPOSED", "RULES_EVALUATED", "QUEUED", "CUSTOMER_NOTIFIED", "VETOED");

        String proceeded = proposals.submit(smallSureRefund()).id();
        fire(proceeded, "timer_veto_window_closed");
        assertThat(types(proceeded)).containsExactly("PROPOSED", "RULES_EVALUATED", "QUEUED", "CUSTOMER_NOTIFIED", "DECIDED");
        assertThat(events(proceeded).get(4).get("actor").asText()).isEqualTo("system:veto-window");
    }

    @Test
    void claimAndAssignmentAreRecorded() {
        String id = proposals.submitExample("angry-customer").id();
        String taskId = api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lena")).json()
                .get(0).get("id").asText();
        api.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"lena\"}", ApiClient.basic("lena"));
        api.postJson("/engine-rest/task/" + taskId + "/assignee", "{\"userId\": \"morgan\"}", ApiClient.basic("admin"));
        List<String> types = types(id);
        assertThat(types).endsWith("CLAIMED", "ASSIGNED");
        assertThat(events(id).get(types.size() - 2).get("actor").asText()).isEqualTo("lena");
        assertThat(events(id).get(types.size() - 1).get("actor").asText()).isEqualTo("admin");
    }

    private static ObjectNode smallSureRefund() {
        ObjectNode body = ApiClient.freshExample("refund-approval");
        ((ObjectNode) body.get("action")).put("amount", 40);
        ((ObjectNode) body.get("agent")).put("confidence", 0.95);
        return body;
    }

    private LockedExternalTask lock(String id) {
        return externalTasks.fetchAndLock(1, "billing").topic("action-refund", 10_000).businessKey(id).execute().get(0);
    }

    private void complete(String id) {
        externalTasks.complete(lock(id).getId(), "billing");
    }

    private void fire(String id, String timer) {
        String instance = proposals.instance(id).getId();
        management.executeJob(management.createJobQuery().processInstanceId(instance).activityId(timer).singleResult().getId());
    }

    private JsonNode events(String id) {
        return api.get("/api/v1/proposals/" + id + "/audit", ApiClient.basic("admin")).json().get("events");
    }

    private List<String> types(String id) {
        List<String> types = new ArrayList<>();
        events(id).forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}
