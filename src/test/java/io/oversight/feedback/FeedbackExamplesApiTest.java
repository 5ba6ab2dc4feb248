package io.oversight.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.qa.QaSampling;
import io.oversight.support.ApiClient;
import io.oversight.support.Proposals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GET /api/v1/feedback/examples on H2, in a database of its own: verdicts in, labelled JSON Lines out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:oversight-feedback;DB_CLOSE_DELAY=-1",
        "oversight.demo.seed-proposals=false",
        "oversight.action-worker.enabled=false",
        "camunda.bpm.job-execution.enabled=false"})
class FeedbackExamplesApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/v1/feedback/examples";

    @LocalServerPort
    int port;
    @Autowired
    Proposals proposals;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void missedEscalationsAndOverridesBecomeLabelledExamplesApprovalsDoNot() throws Exception {
        String workflow = "feedback-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response policy = api.send("PUT", "/api/v1/policies/" + workflow,
                "{\"mode\": \"EXCEPTIONS_ONLY\", \"qaSampleRate\": 1.0}", ApiClient.basic("lena"));
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);

        // an automatic approval; the agent spoke last, the customer's latest message is the example
        ObjectNode routine = ApiClient.freshExample("routine-reply");
        routine.put("workflow", workflow);
        ((com.fasterxml.jackson.databind.node.ArrayNode) routine.at("/conversation/messages"))
                .addObject().put("role", "assistant").put("text", "Let me look that up for you.");
        String missed = proposals.submit(routine).id();
        assertThat(proposals.current(missed).status().name()).isEqualTo("APPROVED");
        complete(qaTask(missed), "quinn", "qa", Map.of("qaVerdict", "SHOULD_HAVE_ESCALATED",
                "reviewComment", "the customer was angry", "missedReason", "ANGRY_CUSTOMER"));

        String rejected = proposals.submitExample("angry-customer").id();
        assertThat(proposals.current(rejected).status().name()).isEqualTo("PENDING_REVIEW");
        proposals.decide(rejected, "lena", List.of("support-leads"), Map.of("decision", "REJECT", "reviewComment", "no promises"));

        String approved = proposals.submitExample("angry-customer").id();
        proposals.decide(approved, "lena", List.of("support-leads"), Map.of("decision", "APPROVE"));
        assertThat(proposals.current(approved).status().name()).isEqualTo("APPROVED");

        ApiClient.Response response = api.get(PATH, ApiClient.basic("quinn"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> lines = lines(response.body());

        assertThat(lines).filteredOn(l -> l.path("source").asText().endsWith(missed)).singleElement()
                .isEqualTo(JSON.readTree("""
                        {"text": "Hi! When will my order o-5521 arrive?", "language": "en", "labels": ["anger"],
                         "source": "qa:SHOULD_HAVE_ESCALATED:%s"}""".formatted(missed)));
        assertThat(lines).filteredOn(l -> l.path("source").asText().endsWith(rejected)).singleElement()
                .isEqualTo(JSON.readTree("""
                        {"text": "This is the THIRD time I am writing. Your service is a joke and I am furious. Fix this today or I cancel everything.",
                         "language": "en", "labels": ["anger"], "source": "review:REJECT:%s"}""".formatted(rejected)));
        assertThat(response.body()).as("approved unchanged is no example").doesNotContain(approved);

        // the same export for the other owner groups; a window before it all is empty
        assertThat(lines(api.get(PATH, ApiClient.basic("lena")).body())).isEqualTo(lines);
        assertThat(lines(api.get(PATH, ApiClient.basic("admin")).body())).isEqualTo(lines);
        Instant before = Instant.now().minus(Duration.ofDays(10));
        ApiClient.Response old = api.get(PATH + "?from=" + before + "&to=" + before.plus(Duration.ofDays(2)),
                ApiClient.basic("lena"));
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.body()).isEmpty();
    }

    @Test
    void onlyTheOwnersMayExport() {
        assertThat(api.get(PATH, null).status()).isEqualTo(401);
        assertThat(api.get(PATH, "Bearer " + ApiClient.DEMO_AGENT_KEY).status()).isEqualTo(403);
        assertThat(api.get(PATH, ApiClient.basic("alice")).status()).isEqualTo(403);
    }

    @Test
    void aBadWindowIsA400NamingTheParameter() {
        Instant now = Instant.now();
        assertBad(PATH + "?from=" + now + "&to=" + now.minus(Duration.ofDays(1)), "from");
        assertBad(PATH + "?from=" + now.minus(Duration.ofDays(32)) + "&to=" + now, "from");
        assertBad(PATH + "?to=yesterday", "to");
        assertBad(PATH + "?from=2026-13-01T00:00:00Z", "from");
    }

    private void assertBad(String path, String field) {
        ApiClient.Response response = api.get(path, ApiClient.basic("lena"));
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().at("/errors/0/field").asText()).as(path).isEqualTo(field);
    }

    private Task qaTask(String proposalId) {
        Task task = tasks.createTaskQuery().processDefinitionKey(QaSampling.PROCESS_KEY)
                .processInstanceBusinessKey(proposalId).singleResult();
        assertThat(task).as("QA task of %s", proposalId).isNotNull();
        return task;
    }

    private void complete(Task task, String user, String group, Map<String, Object> variables) {
        identity.setAuthentication(user, List.of(group));
        try {
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    private static List<JsonNode> lines(String body) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
        }
        return lines;
    }
}
