package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code /api/v1/audit/verify} and {@code /api/v1/audit/export} over HTTP, for the oversight owners only. */
@OversightTest
class AuditLedgerApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired AuditLog audit;
    @Autowired LedgerKeys keys;
    @Autowired JdbcClient jdbc;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @ParameterizedTest(name = "{0} verifies the ledger")
    @ValueSource(strings = {"lena", "quinn", "admin"})
    void ownersVerifyTheLedger(String user) {
        audit.record(UUID.randomUUID().toString(), AuditEventType.QUEUED, "system", Map.of("queue", "support-leads"));

        var response = api.get("/api/v1/audit/verify", ApiClient.basic(user));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("valid").asBoolean()).isTrue();
        assertThat(body.get("entries").asLong()).isPositive();
        assertThat(body.has("firstBrokenEntry")).isTrue();
        assertThat(body.get("firstBrokenEntry").isNull()).isTrue();
    }

    @Test
    void aRowRewrittenWithAPlainSha256IsNamedOverHttp() {
        String proposal = UUID.randomUUID().toString();
        audit.record(proposal, AuditEventType.DECIDED, "lena", Map.of("decision", "REJECT"));
        LedgerEntry entry = jdbc.sql("select " + LedgerEntry.COLUMNS + " from ovs_audit_event where proposal_id = ?")
                .param(proposal).query(LedgerEntry::read).single();
        var forged = new LedgerEntry(entry.id(), entry.shard(), entry.seq(), proposal, entry.occurredAt(), entry.type(),
                entry.actor(), "{\"decision\":\"APPROVE\"}", entry.prevHash(), null, entry.keyId());
        String plain = LedgerHash.unkeyed(forged);

        jdbc.sql("update ovs_audit_event set details = ?, hash = ? where id = ?").params(forged.details(), plain, entry.id())
                .update();
        JsonNode body;
        try {
            body = api.get("/api/v1/audit/verify", ApiClient.basic("quinn")).json();
        } finally {
            jdbc.sql("update ovs_audit_event set details = ?, hash = ? where id = ?")
                    .params(entry.details(), entry.hash(), entry.id()).update();
        }

        assertThat(body.get("valid").asBoolean()).isFalse();
        assertThat(body.get("firstBrokenEntry").get("id").asLong()).isEqualTo(entry.id());
        assertThat(body.get("firstBrokenEntry").get("shard").asInt()).isEqualTo(entry.shard());
        assertThat(body.get("firstBrokenEntry").get("seq").asLong()).isEqualTo(entry.seq());
        assertThat(body.get("firstBrokenEntry").get("reason").asText()).isEqualTo("hash mismatch");
        assertThat(api.get("/api/v1/audit/verify", ApiClient.basic("quinn")).json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void agentsAndOtherPeopleMayNotReadTheLedger() {
        for (String path : List.of("/api/v1/audit/verify", "/api/v1/audit/export")) {
            var asAgent = api.get(path, "Bearer " + ApiClient.DEMO_AGENT_KEY);
            assertThat(asAgent.status()).as(path).isEqualTo(403);
            assertThat(asAgent.contentType()).startsWith("application/problem+json");
            assertThat(api.get(path, ApiClient.basic("alice")).status()).as(path).isEqualTo(403);
            assertThat(api.get(path, null).status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void exportStreamsTheWindowAsNdjsonWithEverythingToRecomputeTheHashesWithTheKey() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String proposal = UUID.randomUUID().toString();
        audit.record(proposal, AuditEventType.PROPOSED, "agent:support-bot", Map.of("confidence", 0.91));
        audit.record(proposal, AuditEventType.DECIDED, "quinn", Map.of("decision", "APPROVE", "comment", "ok"));
        Instant after = Instant.now().plusSeconds(1);

        var response = api.get("/api/v1/audit/export?from=" + before + "&to=" + after, ApiClient.basic("quinn"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> ours = lines(response.body()).stream()
                .filter(line -> proposal.equals(line.path("proposalId").asText())).toList();
        assertThat(ours).extracting(l -> l.get("type").asText()).containsExactly("PROPOSED", "DECIDED");
        JsonNode decided = ours.get(1);
        assertThat(decided.get("seq").asLong()).isEqualTo(ours.get(0).get("seq").asLong() + 1);
        assertThat(decided.get("prevHash").asText()).isEqualTo(ours.get(0).get("hash").asText());
        assertThat(decided.get("details").get("decision").asText()).isEqualTo("APPROVE");
        var recomputed = new LedgerEntry(null, decided.get("shard").asInt(), decided.get("seq").asLong(), proposal,
                Instant.parse(decided.get("at").asText()), "DECIDED", "quinn", JSON.writeValueAsString(decided.get("details")),
                decided.get("prevHash").asText(), decided.get("hash").asText(), decided.get("keyId").asText());
        assertThat(recomputed.keyId()).isEqualTo(keys.currentId());
        assertThat(recomputed.hashMatches(keys.forLedger(decided.get("ledgerId").asText()))).isTrue();
    }

    @Test
    void exportLeavesOutWhatIsOutsideTheWindowAndDefaultsToTheLastDay() {
        Instant before = Instant.now();
        String proposal = UUID.randomUUID().toString();
        audit.record(proposal, AuditEventType.QUEUED, "system", Map.of());

        var earlier = api.get("/api/v1/audit/export?from=" + before.minus(Duration.ofHours(1)) + "&to=" + before,
                ApiClient.basic("lena"));
        var lastDay = api.get("/api/v1/audit/export", ApiClient.basic("admin"));

        assertThat(earlier.status()).isEqualTo(200);
        assertThat(earlier.body()).doesNotContain(proposal);
        assertThat(lastDay.status()).isEqualTo(200);
        assertThat(lastDay.body()).contains(proposal);
    }

    @Test
    void windowOverThirtyOneDaysOrBackwardsOrUnparseableIsABadRequestNamingTheField() {
        Instant to = Instant.now();
        var tooLong = api.get("/api/v1/audit/export?from=" + to.minus(Duration.ofDays(32)) + "&to=" + to,
                ApiClient.basic("lena"));
        var backwards = api.get("/api/v1/audit/export?from=" + to + "&to=" + to.minusSeconds(60), ApiClient.basic("lena"));
        var garbled = api.get("/api/v1/audit/export?from=yesterday", ApiClient.basic("lena"));
        var exactlyThirtyOne = api.get("/api/v1/audit/export?from=" + to.minus(Duration.ofDays(31)) + "&to=" + to,
                ApiClient.basic("lena"));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        assertThat(tooLong.json().get("errors").get(0).get("field").asText()).isEqualTo("to");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("errors").get(0).get("field").asText()).isEqualTo("to");
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.json().get("errors").get(0).get("field").asText()).isEqualTo("from");
        assertThat(exactlyThirtyOne.status()).isEqualTo(200);
    }

    private static List<JsonNode> lines(String ndjson) {
        return Arrays.stream(ndjson.split("\n")).filter(l -> !l.isBlank()).map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("Not a JSON line: " + l, e);
            }
        }).toList();
    }
}
