package io.oversight.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The owner's controls per workflow and the sampled post-action QA they drive. */
@OversightTest
class PolicyAndQaTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    ApiClient api;
    String workflow;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
        workflow = "wf-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aWorkflowWithoutItsOwnPolicyFollowsTheDefault() {
        JsonNode policy = api.get("/api/v1/policies/" + workflow, ApiClient.basic("quinn")).json();
        assertThat(policy.get("workflow").asText()).isEqualTo(workflow);
        assertThat(policy.get("mode").asText()).isEqualTo("EXCEPTIONS_ONLY");
        assertThat(policy.get("qaSampleRate").asDouble()).isZero();
    }

    @Test
    void onlyLeadsAndAdminsChangePoliciesAndEveryChangeIsAudited() {
        String body = "{\"mode\": \"MANDATORY_REVIEW\", \"qaSampleRate\": 0.1}";
        assertThat(put(body, ApiClient.basic("quinn")).status()).isEqualTo(403);
        assertThat(put(body, ApiClient.basic("alice")).status()).isEqualTo(403);
        assertThat(put(body, "Bearer " + ApiClient.DEMO_AGENT_KEY).status()).isEqualTo(403);
        assertThat(put(body, null).status()).isEqualTo(401);

        JsonNode changed = put(body, ApiClient.basic("lena")).json();

        assertThat(changed.get("mode").asText()).isEqualTo("MANDATORY_REVIEW");
        assertThat(changed.get("qaSampleRate").asDouble()).isEqualTo(0.1);
        assertThat(changed.get("updatedBy").asText()).isEqualTo("lena");
        assertThat(changed.get("updatedAt").asText()).isNotBlank();
        assertThat(jdbc.sql("select count(*) from ovs_audit_event where type = 'POLICY_CHANGED' and actor = 'lena' and details like ?")
                .param("%" + workflow + "%").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badPolicyChangesNameTheField() {
        var badMode = put("{\"mode\": \"SOMETIMES\"}", ApiClient.basic("lena"));
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.json().get("errors").get(0).get("field").asText()).isEqualTo("mode");
        var badRate = put("{\"mode\": \"PAUSED\", \"qaSampleRate\": 1.5}", ApiClient.basic("lena"));
        assertThat(badRate.status()).isEqualTo(400);
        assertThat(badRate.json().get("errors").get(0).get("field").asText()).isEqualTo("qaSampleRate");
        assertThat(api.get("/api/v1/policies/" + workflow, ApiClient.basic("lena")).json().get("mode").asText())
                .isEqualTo("EXCEPTIONS_ONLY");
    }

    @Test
    void pausedAutomationSendsEvenRoutineWorkToAPerson() {
        put("{\"mode\": \"PAUSED\"}", ApiClient.basic("lena"));

        JsonNode doc = api.submit(routineIn(workflow)).json();

        assertThat(doc.get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(doc.get("reasons").findValuesAsText("code")).containsExactly("AUTOMATION_PAUSED");
    }

    @Test
    void mandatoryReviewSendsEveryProposalToAPerson() {
        put("{\"mode\": \"MANDATORY_REVIEW\"}", ApiClient.basic("admin"));

        JsonNode doc = api.submit(routineIn(workflow)).json();

        assertThat(doc.get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(doc.get("reasons").findValuesAsText("code")).containsExactly("SAMPLED_FOR_REVIEW");
    }

    @Test
    void sampledAutoApprovalsGetAQaTaskWithoutHoldingUpTheCustomer() {
        put("{\"mode\": \"EXCEPTIONS_ONLY\", \"qaSampleRate\": 1.0}", ApiClient.basic("lena"));

        JsonNode doc = api.submit(routineIn(workflow)).json();

        assertThat(doc.get("status").asText()).as("the customer is not held up").isEqualTo("APPROVED");
        String id = doc.get("id").asText();
        JsonNode tasks = api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("quinn")).json();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("name").asText()).startsWith("QA: ");
        String taskId = tasks.get(0).get("id").asText();

        var noComment = api.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"qaVerdict\": {\"value\": \"SHOULD_HAVE_ESCALATED\"}}}", ApiClient.basic("quinn"));
        assertThat(noComment.body()).contains("needs a reviewComment");
        var done = api.postJson("/engine-rest/task/" + taskId + "/complete", """
                {"variables": {"qaVerdict": {"value": "SHOULD_HAVE_ESCALATED"},
                 "reviewComment": {"value": "Promised a delivery date we cannot keep"}}}""", ApiClient.basic("quinn"));
        assertThat(done.status()).isEqualTo(204);

        assertThat(jdbc.sql("select qa_verdict from ovs_proposal where id = ?").param(id).query(String.class).single())
                .isEqualTo("SHOULD_HAVE_ESCALATED");
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void withoutASampleRateNothingIsSampled() {
        JsonNode doc = api.submit(routineIn(workflow)).json();
        assertThat(api.get("/engine-rest/task?processInstanceBusinessKey=" + doc.get("id").asText(), ApiClient.basic("quinn"))
                .json()).isEmpty();
    }

    private ApiClient.Response put(String body, String auth) {
        return api.send("PUT", "/api/v1/policies/" + workflow, body, auth);
    }

    private static ObjectNode routineIn(String workflow) {
        ObjectNode body = ApiClient.freshExample("routine-reply");
        body.put("workflow", workflow);
        return body;
    }
}
