package io.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import io.oversight.support.Proposals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Backtesting a rule change over the past window, without touching anything live. */
@OversightTest
class RulesReplayTest {

    @LocalServerPort int port;
    @Autowired Proposals proposals;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void aCandidateTableShowsWhatWouldHaveChanged() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        var routineBody = ApiClient.freshExample("routine-reply");
        ((com.fasterxml.jackson.databind.node.ObjectNode) routineBody.get("agent")).put("confidence", 0.8);
        String routine = api.submit(routineBody).json().get("id").asText();
        String angry = api.submit(ApiClient.freshExample("angry-customer")).json().get("id").asText();
        proposals.decide(angry, "lena", List.of("support-leads"), Map.of("decision", "REJECT", "reviewComment", "no promises"));
        String legal = api.submit(ApiClient.freshExample("legal-question")).json().get("id").asText();
        Instant to = Instant.now().plusMillis(1);
        String current = Files.readString(Path.of("processes/escalation-rules.dmn"));
        String candidate = current
                .replaceFirst("(id=\"rule_low_confidence_in_confidence\">\\s*<text>)&lt; 0\\.7(</text>)", "$1&lt; 0.85$2")
                .replaceFirst("(id=\"rule_angry_customer_in_anger\">\\s*<text>)&gt;= 0\\.5(</text>)", "$1&gt;= 2$2");
        assertThat(candidate).isNotEqualTo(current);

        var response = api.postJson("/api/v1/rules/replay", new ObjectMapper().writeValueAsString(
                Map.of("dmnXml", candidate, "from", from.toString(), "to", to.toString())), ApiClient.basic("lena"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.get("proposals").asInt()).isEqualTo(3);
        assertThat(result.get("escalatedNow").asInt()).isEqualTo(2);
        assertThat(result.get("escalatedWithCandidate").asInt()).isEqualTo(2);
        assertThat(result.get("newlyEscalated").toString()).contains(routine);
        assertThat(result.get("noLongerEscalated").toString()).contains(angry).doesNotContain(legal);
        assertThat(result.get("overriddenNowAutoApproved").asInt()).isEqualTo(1);
        assertThat(result.get("missedEscalationsCaught").asInt()).isZero();
        assertThat(api.proposal(routine).json().get("status").asText()).as("nothing live changed").isEqualTo("APPROVED");
    }

    @Test
    void aBrokenCandidateIsRefusedAndOnlyLeadsAndAdminsMayReplay() {
        var broken = api.postJson("/api/v1/rules/replay", "{\"dmnXml\": \"<definitions\"}", ApiClient.basic("admin"));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("errors").get(0).get("field").asText()).isEqualTo("dmnXml");
        assertThat(api.postJson("/api/v1/rules/replay", "{\"dmnXml\": \"x\"}", ApiClient.basic("quinn")).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/rules/replay", "{\"dmnXml\": \"x\"}", "Bearer " + ApiClient.DEMO_AGENT_KEY).status())
                .isEqualTo(403);
    }
}
