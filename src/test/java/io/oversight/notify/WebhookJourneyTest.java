package io.oversight.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.proposal.ProposalService;
import io.oversight.proposal.ProposalStatus;
import io.oversight.support.ApiClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Webhooks end to end over real HTTP: an agent submits with a callbackUrl, a reviewer decides over engine-rest. */
@WebhookTest
class WebhookJourneyTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort int port;
    @Autowired WebhookOutbox outbox;
    @Autowired ProposalService proposals;
    @Autowired ObjectMapper mapper;
    ApiClient api;
    CallbackReceiver receiver;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void escalatedProposalCallsBackWhenQueuedAndWhenApprovedInOrderAndSigned() {
        receiver = CallbackReceiver.accepting();
        String id = submit("angry-customer", receiver.url(), "PENDING_REVIEW");

        await().atMost(WAIT).until(() -> receiver.of(id).size() == 1);
        assertThat(receiver.of(id).get(0).status()).isEqualTo("PENDING_REVIEW");

        var completed = approve(reviewTask(id));
        assertThat(completed.status()).isEqualTo(204);

        await().atMost(WAIT).until(() -> receiver.of(id).size() == 2);
        var calls = receiver.of(id);
        assertThat(calls).extracting(CallbackReceiver.Received::status).containsExactly("PENDING_REVIEW", "APPROVED");
        for (var call : calls) {
            assertThat(call.signedWith(WebhookTest.SECRET)).as("signature verifies").isTrue();
            assertThat(call.event()).isEqualTo("proposal.status_changed");
            assertThat(call.contentType()).isEqualTo("application/json");
        }
        assertThat(calls.get(0).deliveryId()).isNotEqualTo(calls.get(1).deliveryId());
        JsonNode document = mapper.valueToTree(proposals.find(id).orElseThrow());
        JsonNode approved = calls.get(1).json();
        assertThat(approved.get("status")).isEqualTo(document.get("status"));
        assertThat(approved.get("outcome")).isEqualTo(document.get("outcome"));
        assertThat(approved.get("review")).isEqualTo(document.get("review"));
        assertThat(approved.get("outcome").get("decidedBy").asText()).isEqualTo("lena");
        await().atMost(WAIT).untilAsserted(() -> assertThat(outbox.ofProposal(id))
                .extracting(WebhookDelivery::status, WebhookDelivery::attempts)
                .containsOnly(tuple(WebhookDelivery.Status.DELIVERED, 1)));
    }

    @Test
    void routineProposalCallsBackExactlyOnceApproved() {
        receiver = CallbackReceiver.accepting();
        String id = submit("routine-reply", receiver.url(), "APPROVED");

        await().atMost(WAIT).until(() -> outbox.ofProposal(id).stream()
                .allMatch(d -> d.status() == WebhookDelivery.Status.DELIVERED));
        assertThat(outbox.ofProposal(id)).hasSize(1);
        assertThat(receiver.of(id)).extracting(CallbackReceiver.Received::status).containsExactly("APPROVED");
        assertThat(receiver.of(id).get(0).signedWith(WebhookTest.SECRET)).isTrue();
    }

    @Test
    void receiverThatFailsTwiceGetsTheSameDeliveryUntilItAccepts() {
        receiver = new CallbackReceiver(attempt -> attempt <= 2 ? 500 : 200);
        String id = submit("routine-reply", receiver.url(), "APPROVED");

        await().atMost(WAIT).until(() -> outbox.ofProposal(id).get(0).status() == WebhookDelivery.Status.DELIVERED);
        WebhookDelivery delivery = outbox.ofProposal(id).get(0);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastError()).isNull();
        assertThat(delivery.deliveredAt()).isNotNull();
        var calls = receiver.of(id);
        assertThat(calls).hasSize(3).extracting(CallbackReceiver.Received::deliveryId).containsOnly(delivery.id());
        assertThat(calls).extracting(CallbackReceiver.Received::body).containsOnly(delivery.body());
    }

    @Test
    void receiverThatAlwaysFailsEndsDeadAfterTheLastAttempt() {
        receiver = new CallbackReceiver(attempt -> 500);
        String id = submit("routine-reply", receiver.url(), "APPROVED");

        await().atMost(WAIT).until(() -> outbox.ofProposal(id).get(0).status() == WebhookDelivery.Status.DEAD);
        WebhookDelivery delivery = outbox.ofProposal(id).get(0);
        assertThat(delivery.attempts()).isEqualTo(4);
        assertThat(delivery.lastError()).isEqualTo("HTTP 500");
        assertThat(delivery.deliveredAt()).isNull();
        assertThat(receiver.of(id)).hasSize(4);
    }

    @Test
    void deadCallbackDoesNotDelayTheDecision() throws IOException {
        String closedPort = "http://127.0.0.1:" + freePort() + "/hooks/oversight";
        String id = submit("angry-customer", closedPort, "PENDING_REVIEW");

        assertDecisionIsQuickAndFinal(id);
        await().atMost(WAIT).until(() -> outbox.ofProposal(id).size() == 2 && outbox.ofProposal(id).stream()
                .allMatch(d -> d.status() == WebhookDelivery.Status.DEAD));
        assertThat(outbox.ofProposal(id).get(0).lastError()).contains("ConnectException");
    }

    @Test
    void hangingCallbackDoesNotDelayTheDecision() {
        receiver = CallbackReceiver.accepting().holding(Duration.ofSeconds(30).toMillis());
        String id = submit("angry-customer", receiver.url(), "PENDING_REVIEW");
        await().atMost(WAIT).until(() -> receiver.of(id).size() == 1);

        assertDecisionIsQuickAndFinal(id);
    }

    @Test
    void proposalWithoutCallbackUrlRecordsNoDelivery() {
        String id = api.submit(ApiClient.freshExample("routine-reply")).json().get("id").asText();

        assertThat(outbox.ofProposal(id)).isEmpty();
    }

    /** Times the completion alone, after one decision without a callback has warmed up that path. */
    private void assertDecisionIsQuickAndFinal(String id) {
        String warmUp = submit("angry-customer", null, "PENDING_REVIEW");
        assertThat(approve(reviewTask(warmUp)).status()).isEqualTo(204);
        String taskId = reviewTask(id);
        long started = System.nanoTime();
        var completed = approve(taskId);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(completed.status()).isEqualTo(204);
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(proposals.find(id).orElseThrow().status()).isEqualTo(ProposalStatus.APPROVED);
    }

    private String submit(String example, String callbackUrl, String expectedStatus) {
        ObjectNode body = ApiClient.freshExample(example);
        if (callbackUrl != null) {
            body.put("callbackUrl", callbackUrl);
        }
        if (example.equals("angry-customer")) {
            // The agent's own anger score, so the escalation does not hang on the text detectors.
            body.putObject("signals").put("anger", 0.9);
        }
        var response = api.submit(body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("status").asText()).isEqualTo(expectedStatus);
        return response.json().get("id").asText();
    }

    private String reviewTask(String id) {
        return api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lena"))
                .json().get(0).get("id").asText();
    }

    private ApiClient.Response approve(String taskId) {
        return api.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"APPROVE\"}}}", ApiClient.basic("lena"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
