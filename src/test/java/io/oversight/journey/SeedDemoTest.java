package io.oversight.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The buyers' demo tests from the domain text, run the way a buyer would: over the product's surfaces. */
@OversightTest
class SeedDemoTest {

    @LocalServerPort int port;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    @DisplayName("Demo test 1: a sensitive action is gated — the approval gate appears before the action executes")
    void demoTest1_sensitiveActionIsGatedBeforeItExecutes() {
        JsonNode doc = api.submit(ApiClient.freshExample("account-access")).json();
        String id = doc.get("id").asText();

        assertThat(doc.get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(doc.get("review").get("controlModel").asText()).isEqualTo("APPROVAL_BEFORE_ACTION");
        assertThat(doc.get("review").get("queue").asText()).isEqualTo("trust-safety");
        String fetch = """
                {"workerId": "crm", "maxTasks": 10, "topics": [{"topicName": "action-account_access",
                 "lockDuration": 10000, "businessKey": "%s"}]}""".formatted(id);
        assertThat(api.postJson("/engine-rest/external-task/fetchAndLock", fetch, ApiClient.basic("action-worker")).json())
                .as("no action task exists before approval").isEmpty();

        JsonNode task = api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("sam")).json().get(0);
        assertThat(task.get("name").asText()).startsWith("Approve account access for Lee Park");
        api.postJson("/engine-rest/task/" + task.get("id").asText() + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"APPROVE\"}}}", ApiClient.basic("sam"));

        JsonNode locked = api.postJson("/engine-rest/external-task/fetchAndLock", fetch, ApiClient.basic("action-worker")).json();
        assertThat(locked).as("the action is released only after approval").hasSize(1);
        api.postJson("/engine-rest/external-task/" + locked.get(0).get("id").asText() + "/complete",
                "{\"workerId\": \"crm\"}", ApiClient.basic("action-worker"));
        JsonNode after = api.proposal(id).json();
        assertThat(after.get("status").asText()).isEqualTo("EXECUTED");
        assertThat(after.get("outcome").get("decidedBy").asText()).isEqualTo("sam");
    }

    @Test
    @DisplayName("Demo test 2: an angry customer's escalation gives the reviewer the whole context")
    void demoTest2_angryCustomerEscalationCarriesTheWholeContext() {
        JsonNode doc = api.submit(ApiClient.freshExample("angry-customer")).json();
        String id = doc.get("id").asText();
        assertThat(doc.get("reasons").get(0).get("code").asText()).isEqualTo("ANGRY_CUSTOMER");
        assertThat(doc.get("reasons").get(0).get("detail").asText()).contains("anger");

        JsonNode task = api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lena")).json().get(0);
        assertThat(task.get("formKey").isNull() || task.get("camundaFormRef") != null).isTrue();
        JsonNode form = api.get("/engine-rest/task/" + task.get("id").asText() + "/form-variables?deserializeValues=false", ApiClient.basic("lena")).json();

        assertThat(text(form, "conversationText")).contains("This is the THIRD time I am writing");
        assertThat(text(form, "customerText")).contains("Rob Mertens").contains("cus-88").contains("standard");
        assertThat(text(form, "sourcesText")).contains("Order o-7710").contains("Delayed at warehouse");
        assertThat(text(form, "attemptedStepsText")).contains("looked up order o-7710").contains("saw two earlier tickets");
        assertThat(text(form, "proposedReply")).contains("should ship tomorrow");
        assertThat(text(form, "reasonsText")).contains("ANGRY_CUSTOMER").contains("anger");
        assertThat(text(form, "reviewHeadline")).isEqualTo("Review reply to Rob Mertens — ANGRY_CUSTOMER");
        assertThat(form.get("decisionOptions").get("value").asText()).contains("\"EDIT\"").contains("\"TAKE_OVER\"");
        assertThat(form.get("proposal").get("type").asText()).isEqualTo("Json");
        assertThat(task.get("priority").asInt()).isEqualTo(80);
        assertThat(task.get("due").asText()).isNotBlank();
        assertThat(api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("alice")).json())
                .as("an angry customer does not land in the routine queue").isEmpty();
    }

    @Test
    @DisplayName("Demo test 4: a delayed reviewer — the customer is told honestly, warned, apologised to, never auto-approved")
    void demoTest4_delayedReviewerAndTheCustomersExperience() {
        ObjectNode chat = ApiClient.freshExample("angry-customer");
        chat.put("channel", "chat");
        JsonNode pending = api.submit(chat).json();
        String id = pending.get("id").asText();
        JsonNode emailed = api.submit(ApiClient.freshExample("angry-customer")).json();

        String waiting = pending.get("customerMessage").asText();
        assertThat(waiting).containsIgnoringCase("minutes").doesNotContainIgnoringCase("approved");
        assertThat(emailed.get("customerMessage").asText()).as("an email reads differently from a chat message")
                .isNotEqualTo(waiting).startsWith("Dear Rob Mertens");
        Instant due = Instant.parse(pending.get("review").get("dueAt").asText());
        assertThat(Duration.between(Instant.now(), due)).isBetween(Duration.ofMinutes(13), Duration.ofMinutes(16));
        assertThat(minutesIn(waiting)).isBetween(1, 15);

        fire(id, "timer_sla_warning");
        JsonNode warned = api.proposal(id).json();
        assertThat(warned.get("customerMessage").asText()).isNotEqualTo(waiting).containsIgnoringCase("longer than usual");
        assertThat(warned.get("review").get("priority").asInt()).isEqualTo(90);
        assertThat(warned.get("status").asText()).isEqualTo("PENDING_REVIEW");

        fire(id, "timer_sla_breached");
        JsonNode breached = api.proposal(id).json();
        assertThat(breached.get("customerMessage").asText()).containsIgnoringCase("sorry");
        assertThat(breached.get("status").asText()).as("never auto-approved").isEqualTo("PENDING_REVIEW");
        assertThat(breached.get("outcome").isNull()).isTrue();
        assertThat(api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lena")).json()).hasSize(1);
    }

    @Test
    @DisplayName("Demo test 3: a reviewer's edit shows in the final audit trail — proposal, change, decision, owner, times")
    void demoTest3_aReviewersEditShowsInTheFinalAuditTrail() {
        String id = api.submit(ApiClient.freshExample("angry-customer")).json().get("id").asText();
        JsonNode task = api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lena")).json().get(0);
        String taskId = task.get("id").asText();
        api.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"lena\"}", ApiClient.basic("lena"));
        api.postJson("/engine-rest/task/" + taskId + "/complete", """
                {"variables": {"decision": {"value": "EDIT"}, "reviewComment": {"value": "warmer tone, firm date"},
                 "editedReply": {"value": "I am sorry, Rob. Your order o-7710 leaves our warehouse today by express."}}}""",
                ApiClient.basic("lena"));

        JsonNode trail = api.get("/api/v1/proposals/" + id + "/audit", "Bearer " + ApiClient.DEMO_AGENT_KEY).json();

        assertThat(trail.get("proposalId").asText()).isEqualTo(id);
        JsonNode events = trail.get("events");
        assertThat(events.findValuesAsText("type")).containsSubsequence(
                "PROPOSED", "RULES_EVALUATED", "QUEUED", "CUSTOMER_NOTIFIED", "CLAIMED", "EDITED", "DECIDED");
        JsonNode proposed = event(events, "PROPOSED");
        assertThat(proposed.get("actor").asText()).isEqualTo("agent:support-bot");
        assertThat(proposed.get("details").get("reply").get("text").asText()).contains("should ship tomorrow");
        JsonNode rules = event(events, "RULES_EVALUATED");
        assertThat(rules.get("details").get("reasons").toString()).contains("ANGRY_CUSTOMER");
        assertThat(rules.get("details").get("decision").asText()).isEqualTo("escalationRules");
        assertThat(rules.get("details").get("decisionVersion").asInt()).isPositive();
        JsonNode edited = event(events, "EDITED");
        assertThat(edited.get("actor").asText()).isEqualTo("lena");
        assertThat(edited.get("details").get("before").asText()).contains("should ship tomorrow");
        assertThat(edited.get("details").get("after").asText()).contains("leaves our warehouse today");
        assertThat(edited.get("details").get("diff").asText()).contains("- ").contains("+ ");
        JsonNode decided = event(events, "DECIDED");
        assertThat(decided.get("actor").asText()).isEqualTo("lena");
        assertThat(decided.get("details").get("decision").asText()).isEqualTo("EDIT");
        assertThat(decided.get("details").get("comment").asText()).isEqualTo("warmer tone, firm date");
        for (JsonNode event : events) {
            assertThat(event.get("at").asText()).as("every event is timestamped").isNotBlank();
        }
        assertThat(api.get("/api/v1/audit/verify", ApiClient.basic("quinn")).json().get("valid").asBoolean()).isTrue();
    }

    private static JsonNode event(JsonNode events, String type) {
        for (JsonNode event : events) {
            if (event.get("type").asText().equals(type)) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " event in " + events);
    }

    private void fire(String proposalId, String timerId) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(proposalId).singleResult().getId();
        Job job = management.createJobQuery().processInstanceId(instance).activityId(timerId).singleResult();
        assertThat(job).as(timerId).isNotNull();
        management.executeJob(job.getId());
    }

    private static String text(JsonNode form, String name) {
        assertThat(form.has(name)).as("form variable " + name).isTrue();
        return form.get(name).get("value").asText();
    }

    private static int minutesIn(String message) {
        var m = java.util.regex.Pattern.compile("(\\d+) minutes").matcher(message);
        assertThat(m.find()).as("an ETA in minutes: " + message).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
