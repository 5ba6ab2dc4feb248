package io.oversight.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The agent API over real HTTP: answers, validation, authentication and idempotency. */
@OversightTest
class ProposalApiTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired HistoryService history;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void routineReplyIsApprovedInTheFirstAnswer() {
        var response = api.submit(ApiClient.freshExample("routine-reply"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode doc = response.json();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/proposals/" + doc.get("id").asText());
        assertThat(doc.get("status").asText()).isEqualTo("APPROVED");
        assertThat(doc.get("escalated").asBoolean()).isFalse();
        assertThat(doc.get("reasons")).isEmpty();
        assertThat(doc.get("customerMessage").isNull()).isTrue();
        assertThat(doc.get("outcome").get("decision").asText()).isEqualTo("APPROVE");
        assertThat(doc.get("outcome").get("reply").get("text").asText()).contains("o-5521");
        assertThat(api.proposal(doc.get("id").asText()).json().get("status").asText()).isEqualTo("APPROVED");
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("angry-customer", List.of("ANGRY_CUSTOMER"), "support-leads", 80, "REVIEW_BEFORE_SEND"),
                Arguments.of("account-access", List.of("SECURITY_CONCERN", "RESTRICTED_ACTION"), "trust-safety", 90,
                        "APPROVAL_BEFORE_ACTION"),
                Arguments.of("high-value-refund", List.of("HIGH_VALUE", "IRREVERSIBLE_ACTION"), "support-leads", 60,
                        "FOUR_EYES_APPROVAL"),
                Arguments.of("legal-question", List.of("SENSITIVE_TOPIC", "MISSING_CONTEXT"), "legal", 70,
                        "REVIEW_BEFORE_SEND"),
                Arguments.of("refund-approval", List.of("HIGH_VALUE", "IRREVERSIBLE_ACTION"), "support-leads", 60,
                        "APPROVAL_BEFORE_ACTION"),
                Arguments.of("vip-low-confidence", List.of("VIP_CUSTOMER", "LOW_CONFIDENCE"), "support-leads", 70,
                        "REVIEW_BEFORE_SEND"));
    }

    @ParameterizedTest(name = "{0} waits in {2} for {1}")
    @MethodSource("examples")
    void eachExampleIsEscalatedAsTheRulesSay(String example, List<String> reasons, String queue, int priority,
            String controlModel) {
        JsonNode doc = api.submit(ApiClient.freshExample(example)).json();

        assertThat(doc.get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(doc.get("escalated").asBoolean()).isTrue();
        assertThat(doc.get("reasons").findValuesAsText("code")).containsExactlyInAnyOrderElementsOf(reasons);
        assertThat(doc.get("reasons").get(0).get("detail").asText()).isNotBlank();
        JsonNode review = doc.get("review");
        assertThat(review.get("queue").asText()).isEqualTo(queue);
        assertThat(review.get("priority").asInt()).isEqualTo(priority);
        assertThat(review.get("controlModel").asText()).isEqualTo(controlModel);
        assertThat(review.get("dueAt").asText()).isNotBlank();
        assertThat(doc.get("customerMessage").asText()).contains("minutes");
        assertThat(doc.get("outcome").isNull()).isTrue();
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                invalid("idempotencyKey", b -> b.remove("idempotencyKey")),
                invalid("idempotencyKey", b -> b.put("idempotencyKey", "")),
                invalid("idempotencyKey", b -> b.put("idempotencyKey", "k".repeat(201))),
                invalid("type", b -> b.remove("type")),
                invalid("type", b -> b.put("type", "POEM")),
                invalid("conversation", b -> b.remove("conversation")),
                invalid("conversation.messages", b -> b.putObject("conversation").putArray("messages")),
                invalid("agent", b -> b.remove("agent")),
                invalid("agent.id", b -> ((ObjectNode) b.get("agent")).remove("id")),
                invalid("agent.confidence", b -> ((ObjectNode) b.get("agent")).remove("confidence")),
                invalid("agent.confidence", b -> ((ObjectNode) b.get("agent")).put("confidence", 1.5)),
                invalid("agent.confidence", b -> ((ObjectNode) b.get("agent")).put("confidence", -0.1)),
                invalid("agent.confidence", b -> ((ObjectNode) b.get("agent")).put("confidence", "high")),
                invalid("reply.text", b -> b.remove("reply")),
                invalid("action", b -> b.put("type", "ACTION")),
                invalid("signals[anger]", b -> b.putObject("signals").put("anger", 2)));
    }

    static Stream<Arguments> invalidActions() {
        return Stream.of(
                invalid("action.amount", b -> ((ObjectNode) b.get("action")).put("amount", -1)),
                invalid("action.kind", b -> ((ObjectNode) b.get("action")).put("kind", "refund")),
                invalid("action.kind", b -> ((ObjectNode) b.get("action")).remove("kind")),
                invalid("reply.text", b -> b.put("type", "REPLY")));
    }

    private static Arguments invalid(String field, Consumer<ObjectNode> breakIt) {
        return Arguments.of(field, breakIt);
    }

    @ParameterizedTest(name = "reply without valid {0} is refused")
    @MethodSource("invalidBodies")
    void invalidReplyIsRefusedNamingTheFieldAndStoresNothing(String field, Consumer<ObjectNode> breakIt) {
        assertRefused(ApiClient.freshExample("routine-reply"), field, breakIt);
    }

    @ParameterizedTest(name = "action without valid {0} is refused")
    @MethodSource("invalidActions")
    void invalidActionIsRefusedNamingTheField(String field, Consumer<ObjectNode> breakIt) {
        assertRefused(ApiClient.freshExample("refund-approval"), field, breakIt);
    }

    private void assertRefused(ObjectNode body, String field, Consumer<ObjectNode> breakIt) {
        long before = proposals();
        breakIt.accept(body);

        var response = api.submit(body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("errors").findValuesAsText("field")).contains(field);
        assertThat(proposals()).isEqualTo(before);
    }

    @Test
    void unknownFieldsAreIgnored() {
        ObjectNode body = ApiClient.freshExample("routine-reply");
        body.put("somethingNew", "ignored");
        assertThat(api.submit(body).status()).isEqualTo(201);
    }

    @Test
    void bodyOverTheLimitIs413() {
        ObjectNode body = ApiClient.freshExample("routine-reply");
        body.put("padding", "x".repeat(256 * 1024));
        var response = api.submit(body);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void wrongContentTypeIs415() {
        var response = api.submitRaw(ApiClient.freshExample("routine-reply").toString(), "text/plain",
                "Bearer " + ApiClient.DEMO_AGENT_KEY);
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void malformedJsonIs400() {
        var response = api.submitRaw("{\"type\": ", "application/json", "Bearer " + ApiClient.DEMO_AGENT_KEY);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void missingOrUnknownCredentialsAre401() {
        String body = ApiClient.freshExample("routine-reply").toString();
        assertThat(api.submitRaw(body, "application/json", null).status()).isEqualTo(401);
        assertThat(api.submitRaw(body, "application/json", "Bearer not-a-key").status()).isEqualTo(401);
        assertThat(api.submitRaw(body, "application/json", ApiClient.basic("mallory", "wrong")).status()).isEqualTo(401);
        var anonymous = api.get("/api/v1/proposals/anything", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/engine-rest/task", null).status()).isEqualTo(401);
    }

    @Test
    void aPersonCannotSubmitAsAnAgent() {
        String body = ApiClient.freshExample("routine-reply").toString();
        assertThat(api.submitRaw(body, "application/json", ApiClient.basic("alice")).status()).isEqualTo(403);
    }

    @Test
    void unknownProposalIs404AndWaitIsBounded() {
        assertThat(api.proposal("no-such-id").status()).isEqualTo(404);
        String id = api.submit(ApiClient.freshExample("routine-reply")).json().get("id").asText();
        var tooLong = api.get("/api/v1/proposals/" + id + "?waitSeconds=61", "Bearer " + ApiClient.DEMO_AGENT_KEY);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").findValuesAsText("field")).contains("waitSeconds");
    }

    @Test
    void sameKeyAndBodyAnswers200WithTheSameProposal() {
        ObjectNode body = ApiClient.freshExample("angry-customer");
        var first = api.submit(body);
        ObjectNode reformatted = body.deepCopy();
        var second = api.submitRaw(reformatted.toPrettyString(), "application/json", "Bearer " + ApiClient.DEMO_AGENT_KEY);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(instances(first.json().get("id").asText())).isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherBodyIs409() {
        ObjectNode body = ApiClient.freshExample("angry-customer");
        api.submit(body);
        ((ObjectNode) body.get("reply")).put("text", "Something else entirely");

        var response = api.submit(body);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void racingIdenticalSubmissionsCreateExactlyOneProcessInstance() throws Exception {
        ObjectNode body = ApiClient.freshExample("angry-customer");
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Callable<ApiClient.Response> racer = () -> {
                start.await();
                return api.submit(body);
            };
            answers.add(pool.submit(racer));
        }
        start.countDown();
        List<ApiClient.Response> responses = new ArrayList<>();
        for (Future<ApiClient.Response> answer : answers) {
            responses.add(answer.get());
        }
        pool.shutdown();

        assertThat(responses).extracting(ApiClient.Response::status).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
        assertThat(responses).extracting(r -> r.json().get("id").asText()).containsOnly(responses.get(0).json().get("id").asText());
        String id = responses.get(0).json().get("id").asText();
        assertThat(instances(id)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from ovs_proposal where idempotency_key = ?")
                .param(body.get("idempotencyKey").asText()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void racingIdenticalRoutineSubmissionsApproveExactlyOnceWithoutAProcess() throws Exception {
        ObjectNode body = ApiClient.freshExample("routine-reply");
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return api.submit(body);
            }));
        }
        start.countDown();
        List<ApiClient.Response> responses = new ArrayList<>();
        for (Future<ApiClient.Response> answer : answers) {
            responses.add(answer.get());
        }
        pool.shutdown();

        assertThat(responses).extracting(ApiClient.Response::status).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
        assertThat(responses).extracting(r -> r.json().get("status").asText()).containsOnly("APPROVED");
        String id = responses.get(0).json().get("id").asText();
        assertThat(responses).extracting(r -> r.json().get("id").asText()).containsOnly(id);
        assertThat(instances(id)).isZero();
        assertThat(jdbc.sql("select count(*) from ovs_approval where proposal_id = ?").param(id).query(Long.class).single())
                .isEqualTo(1);
        List<String> trail = new ArrayList<>();
        api.get("/api/v1/proposals/" + id + "/audit", ApiClient.basic("admin")).json().get("events")
                .forEach(event -> trail.add(event.get("type").asText()));
        assertThat(trail).containsExactly("PROPOSED", "RULES_EVALUATED", "DECIDED");
    }

    private long proposals() {
        return jdbc.sql("select count(*) from ovs_proposal").query(Long.class).single();
    }

    private long instances(String proposalId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(proposalId).count();
    }
}
