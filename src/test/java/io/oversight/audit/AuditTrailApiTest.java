package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oversight.security.AgentKeys;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /api/v1/proposals/{id}/audit} over HTTP: the trail, oldest first, for its agent and the owners. */
@OversightTest
class AuditTrailApiTest {

    private static final String AGENT = "Bearer " + ApiClient.DEMO_AGENT_KEY;

    @LocalServerPort int port;
    @Autowired AuditLog audit;
    @Autowired AgentKeys agentKeys;
    ApiClient api;
    String proposalId;
    String marker;

    @BeforeEach
    void proposalWithATrail() {
        api = new ApiClient("http://localhost:" + port);
        var submitted = api.submit(ApiClient.freshExample("angry-customer"));
        assertThat(submitted.status()).isEqualTo(201);
        proposalId = submitted.json().get("id").asText();
        marker = UUID.randomUUID().toString();
        audit.record(proposalId, AuditEventType.CLAIMED, "lena", Map.of("marker", marker));
        audit.record(proposalId, AuditEventType.EDITED, "lena",
                Map.of("marker", marker, "before", "We can't.", "after", "We will refund you."));
        audit.record(proposalId, AuditEventType.DECIDED, "lena",
                Map.of("marker", marker, "decision", "EDIT", "comment", "kinder"));
    }

    @Test
    void agentThatSubmittedTheProposalReadsItsTrailOldestFirst() {
        var response = api.get(trail(), AGENT);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("proposalId").asText()).isEqualTo(proposalId);
        assertThat(body.get("events").get(0).get("type").asText()).as("the submission comes first").isEqualTo("PROPOSED");
        List<JsonNode> mine = ours(body);
        assertThat(mine).extracting(e -> e.get("type").asText()).containsExactly("CLAIMED", "EDITED", "DECIDED");
        assertThat(mine).allSatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo("lena");
            assertThat(e.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        });
        assertThat(mine.get(1).get("details").get("after").asText()).isEqualTo("We will refund you.");
        List<String> times = StreamSupport.stream(body.get("events").spliterator(), false)
                .map(e -> e.get("at").asText()).toList();
        assertThat(times).isSortedAccordingTo((a, b) -> Instant.parse(a).compareTo(Instant.parse(b)));
    }

    @ParameterizedTest(name = "{0} reads the trail")
    @ValueSource(strings = {"lena", "quinn", "admin"})
    void oversightOwnersReadAnyTrail(String user) {
        var response = api.get(trail(), ApiClient.basic(user));

        assertThat(response.status()).isEqualTo(200);
        assertThat(ours(response.json())).hasSize(3);
    }

    @Test
    void anotherAgentIsToldTheProposalDoesNotExist() {
        agentKeys.register("other-agent", AgentKeys.sha256("other-agent-key"));

        var response = api.get(trail(), "Bearer other-agent-key");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aReviewerOutsideTheOwnerGroupsIsForbidden() {
        var response = api.get(trail(), ApiClient.basic("alice"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anonymousCallersMustAuthenticate() {
        assertThat(api.get(trail(), null).status()).isEqualTo(401);
    }

    @Test
    void unknownProposalIsNotFound() {
        var asLead = api.get("/api/v1/proposals/" + UUID.randomUUID() + "/audit", ApiClient.basic("lena"));
        var asAgent = api.get("/api/v1/proposals/" + UUID.randomUUID() + "/audit", AGENT);

        assertThat(asLead.status()).isEqualTo(404);
        assertThat(asLead.contentType()).startsWith("application/problem+json");
        assertThat(asLead.json().get("status").asInt()).isEqualTo(404);
        assertThat(asAgent.status()).isEqualTo(404);
    }

    private String trail() {
        return "/api/v1/proposals/" + proposalId + "/audit";
    }

    private List<JsonNode> ours(JsonNode trail) {
        return StreamSupport.stream(trail.get("events").spliterator(), false)
                .filter(e -> marker.equals(e.path("details").path("marker").asText()))
                .toList();
    }
}
