package io.oversight.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every reviewer decision and approval rule over the product's outside: engine-rest and the agent API. */
@OversightTest
class ReviewDecisionsApiTest {

    private static final String AGENT = "Bearer " + ApiClient.DEMO_AGENT_KEY;

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void reassignOverRestMovesTheTaskToTheOtherQueue() {
        String id = submit(ApiClient.freshExample("vip-low-confidence"));
        assertThat(complete(id, "lena", """
                {"decision": {"value": "REASSIGN"}, "reassignTo": {"value": "support-agents"},
                 "reviewComment": {"value": "routine product question"}}""").status()).isEqualTo(204);

        assertThat(api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lena")).json()).isEmpty();
        JsonNode moved = api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("alice")).json();
        assertThat(moved).hasSize(1);
        assertThat(api.proposal(id).json().get("review").get("queue").asText()).isEqualTo("support-agents");
    }

    @Test
    void requestInfoAndTheAgentsAnswerOverTheApi() {
        String id = submit(ApiClient.freshExample("legal-question"));
        var tooEarly = api.postJson("/api/v1/proposals/" + id + "/information", "{\"text\": \"v2\"}", AGENT);
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.contentType()).startsWith("application/problem+json");

        complete(id, "lee", """
                {"decision": {"value": "REQUEST_INFO"}, "infoRequest": {"value": "Which agreement version?"},
                 "reviewComment": {"value": "need the version"}}""");
        JsonNode waiting = api.proposal(id).json();
        assertThat(waiting.get("status").asText()).isEqualTo("AWAITING_INFORMATION");
        assertThat(waiting.get("outcome").get("infoRequest").asText()).isEqualTo("Which agreement version?");

        assertThat(api.postJson("/api/v1/proposals/" + id + "/information", "{\"text\": \"  \"}", AGENT).status()).isEqualTo(400);
        assertThat(api.postJson("/api/v1/proposals/no-such/information", "{\"text\": \"x\"}", AGENT).status()).isEqualTo(404);
        var answered = api.postJson("/api/v1/proposals/" + id + "/information", "{\"text\": \"Version 2024-03\"}", AGENT);
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.json().get("status").asText()).isEqualTo("PENDING_REVIEW");
        JsonNode task = api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lee")).json().get(0);
        JsonNode vars = api.get("/engine-rest/task/" + task.get("id").asText() + "/form-variables", ApiClient.basic("lee")).json();
        assertThat(vars.get("informationText").get("value").asText()).contains("Version 2024-03");
        assertThat(api.postJson("/api/v1/proposals/" + id + "/information", "{\"text\": \"again\"}", AGENT).status())
                .isEqualTo(409);
    }

    @Test
    void takeOverOverRestTellsTheAgentToStop() {
        String id = submit(ApiClient.freshExample("angry-customer"));
        complete(id, "lena", "{\"decision\": {\"value\": \"TAKE_OVER\"}, \"humanReply\": {\"value\": \"Lena here.\"}}");

        JsonNode doc = api.proposal(id).json();
        assertThat(doc.get("status").asText()).isEqualTo("TAKEN_OVER");
        assertThat(doc.get("outcome").get("reply").get("text").asText()).isEqualTo("Lena here.");
    }

    @Test
    void rejectOverRestTellsTheAgentWhy() {
        String id = submit(ApiClient.freshExample("angry-customer"));
        complete(id, "lena", "{\"decision\": {\"value\": \"REJECT\"}, \"reviewComment\": {\"value\": \"Promise no dates.\"}}");

        JsonNode doc = api.proposal(id).json();
        assertThat(doc.get("status").asText()).isEqualTo("REJECTED");
        assertThat(doc.get("outcome").get("comment").asText()).isEqualTo("Promise no dates.");
    }

    @Test
    void fourEyesOverRestNeedsTwoDifferentPeople() {
        ensureUser("morgan", "support-leads", "finance");
        String id = submit(ApiClient.freshExample("high-value-refund"));

        assertThat(complete(id, "morgan", "{\"decision\": {\"value\": \"APPROVE\"}}").status()).isEqualTo(204);
        var sameAgain = complete(id, "morgan", "{\"decision\": {\"value\": \"APPROVE\"}}");
        assertThat(sameAgain.status()).isGreaterThanOrEqualTo(400);
        assertThat(sameAgain.body()).contains("four-eyes");
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("PENDING_REVIEW");

        assertThat(complete(id, "fran", "{\"decision\": {\"value\": \"APPROVE\"}}").status()).isEqualTo(204);
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void approvalLimitOverRestIsRefusedWithAClearMessage() {
        ObjectNode body = ApiClient.freshExample("refund-approval");
        ((ObjectNode) body.get("action")).put("amount", 700);
        body.putObject("signals").put("billingDispute", 0.9);
        String id = submit(body);

        var refused = complete(id, "bill", "{\"decision\": {\"value\": \"APPROVE\"}}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("approval limit: bill may approve up to 500");
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void vetoOverRestStopsTheAction() {
        ObjectNode body = ApiClient.freshExample("refund-approval");
        ((ObjectNode) body.get("action")).put("amount", 40);
        ((ObjectNode) body.get("agent")).put("confidence", 0.95);
        String id = submit(body);
        assertThat(api.proposal(id).json().get("review").get("controlModel").asText()).isEqualTo("VETO_WINDOW");

        complete(id, "lena", "{\"decision\": {\"value\": \"VETO\"}, \"reviewComment\": {\"value\": \"duplicate\"}}");

        JsonNode doc = api.proposal(id).json();
        assertThat(doc.get("status").asText()).isEqualTo("REJECTED");
        assertThat(doc.get("outcome").get("decision").asText()).isEqualTo("VETO");
    }

    @Test
    void timersOverRestWarnThenHandToLeads() {
        ObjectNode body = ApiClient.freshExample("vip-low-confidence");
        ((ObjectNode) body.get("customer")).put("segment", "standard");
        String id = submit(body);
        assertThat(api.proposal(id).json().get("review").get("queue").asText()).isEqualTo("support-agents");
        String instance = api.get("/engine-rest/process-instance?businessKey=" + id, ApiClient.basic("admin")).json()
                .get(0).get("id").asText();

        executeTimer(instance, "timer_sla_warning");
        assertThat(api.proposal(id).json().get("review").get("priority").asInt()).isEqualTo(60);
        assertThat(api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lena")).json()).isEmpty();

        executeTimer(instance, "timer_sla_breached");
        assertThat(api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lena")).json())
                .as("support leads get the breached case as well").hasSize(1);
        assertThat(api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("alice")).json()).hasSize(1);
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("PENDING_REVIEW");
    }

    private void executeTimer(String instance, String activityId) {
        JsonNode jobs = api.get("/engine-rest/job?processInstanceId=" + instance + "&activityId=" + activityId,
                ApiClient.basic("admin")).json();
        assertThat(jobs).as(activityId).hasSize(1);
        assertThat(api.postJson("/engine-rest/job/" + jobs.get(0).get("id").asText() + "/execute", "{}",
                ApiClient.basic("admin")).status()).isEqualTo(204);
    }

    private String submit(JsonNode body) {
        return api.submit(body).json().get("id").asText();
    }

    private ApiClient.Response complete(String proposalId, String user, String variables) {
        JsonNode tasks = api.get("/engine-rest/task?processInstanceBusinessKey=" + proposalId, ApiClient.basic(user)).json();
        assertThat(tasks).as("%s sees the task", user).hasSize(1);
        return api.postJson("/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete",
                "{\"variables\": " + variables + "}", ApiClient.basic(user));
    }

    private void ensureUser(String id, String... groups) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword(id);
            identity.saveUser(user);
            for (String group : groups) {
                identity.createMembership(id, group);
            }
        }
    }
}
