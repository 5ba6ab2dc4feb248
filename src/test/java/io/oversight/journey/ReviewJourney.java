package io.oversight.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oversight.support.ApiClient;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The spine end to end over HTTP, as the outside sees it: an agent submits over REST, a reviewer
 * finds and completes the task over engine-rest, the agent reads the outcome. Run on H2 and on
 * PostgreSQL by the subclasses.
 */
abstract class ReviewJourney {

    @LocalServerPort int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void agentSubmitsReviewerEditsAgentReadsTheOutcome() throws Exception {
        JsonNode submitted = api.submit(ApiClient.freshExample("angry-customer")).json();
        String id = submitted.get("id").asText();
        assertThat(submitted.get("status").asText()).isEqualTo("PENDING_REVIEW");
        CompletableFuture<ApiClient.Response> longPoll = CompletableFuture.supplyAsync(
                () -> api.get("/api/v1/proposals/" + id + "?waitSeconds=30", "Bearer " + ApiClient.DEMO_AGENT_KEY));

        JsonNode tasks = api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lena")).json();
        assertThat(tasks).hasSize(1);
        String taskId = tasks.get(0).get("id").asText();
        assertThat(tasks.get(0).get("priority").asInt()).isEqualTo(80);
        JsonNode variables = api.get("/engine-rest/task/" + taskId + "/form-variables", ApiClient.basic("lena")).json();
        assertThat(variables.get("conversationText").get("value").asText()).contains("THIRD time");
        assertThat(variables.get("reasonsText").get("value").asText()).contains("ANGRY_CUSTOMER");
        assertThat(variables.get("sourcesText").get("value").asText()).contains("Order o-7710");

        assertThat(api.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"lena\"}",
                ApiClient.basic("lena")).status()).isEqualTo(204);
        var completed = api.postJson("/engine-rest/task/" + taskId + "/complete", """
                {"variables": {"decision": {"value": "EDIT"},
                               "editedReply": {"value": "I am so sorry, Rob. Your order ships today with express delivery."}}}
                """, ApiClient.basic("lena"));
        assertThat(completed.status()).isEqualTo(204);

        ApiClient.Response woken = longPoll.get();
        assertThat(woken.json().get("status").asText()).isEqualTo("EDITED");
        JsonNode outcome = api.proposal(id).json().get("outcome");
        assertThat(outcome.get("decision").asText()).isEqualTo("EDIT");
        assertThat(outcome.get("decidedBy").asText()).isEqualTo("lena");
        assertThat(outcome.get("reply").get("text").asText()).contains("express delivery");
        assertThat(outcome.get("changed").asBoolean()).isTrue();
    }

    @Test
    void aDecisionWithoutItsDataIsRefusedAndTheTaskStaysOpen() {
        String id = api.submit(ApiClient.freshExample("angry-customer")).json().get("id").asText();
        String taskId = api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lena"))
                .json().get(0).get("id").asText();

        var refused = api.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"REJECT\"}}}", ApiClient.basic("lena"));
        var unknown = api.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"SHRUG\"}}}", ApiClient.basic("lena"));
        var unchangedEdit = api.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"EDIT\"}}}", ApiClient.basic("lena"));

        assertThat(refused.status()).isGreaterThanOrEqualTo(400);
        assertThat(refused.body()).contains("REJECT needs a reviewComment");
        assertThat(unknown.body()).contains("decision must be one of");
        assertThat(unchangedEdit.body()).contains("editedReply is unchanged");
        assertThat(api.get("/engine-rest/task/" + taskId, ApiClient.basic("lena")).status()).isEqualTo(200);
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void reviewersOnlySeeAndCompleteTasksOfTheirOwnQueues() {
        String id = api.submit(ApiClient.freshExample("angry-customer")).json().get("id").asText();
        String taskId = api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lena"))
                .json().get(0).get("id").asText();

        assertThat(api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("alice")).json()).isEmpty();
        var completeByOutsider = api.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"APPROVE\"}}}", ApiClient.basic("alice"));
        assertThat(completeByOutsider.status()).isIn(403, 404);
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(api.get("/engine-rest/task", null).status()).isEqualTo(401);
    }

    @Test
    void approvedActionIsExecutedByTheActionSystemOnlyAfterApproval() {
        String id = api.submit(ApiClient.freshExample("refund-approval")).json().get("id").asText();
        String fetch = """
                {"workerId": "billing-system", "maxTasks": 5,
                 "topics": [{"topicName": "action-refund", "lockDuration": 10000, "businessKey": "%s"}]}
                """.formatted(id);
        assertThat(api.postJson("/engine-rest/external-task/fetchAndLock", fetch, ApiClient.basic("action-worker"))
                .json()).isEmpty();

        String taskId = api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lena"))
                .json().get(0).get("id").asText();
        api.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"APPROVE\"}}}", ApiClient.basic("lena"));
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("APPROVED");

        JsonNode locked = api.postJson("/engine-rest/external-task/fetchAndLock", fetch, ApiClient.basic("action-worker")).json();
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).get("variables").get("idempotencyKey").get("value").asText()).startsWith("refund-approval/");
        var done = api.postJson("/engine-rest/external-task/" + locked.get(0).get("id").asText() + "/complete",
                "{\"workerId\": \"billing-system\"}", ApiClient.basic("action-worker"));
        assertThat(done.status()).isEqualTo(204);
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("EXECUTED");
    }
}
