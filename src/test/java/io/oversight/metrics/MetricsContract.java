package io.oversight.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.support.ApiClient;
import io.oversight.support.Proposals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * {@code GET /api/v1/metrics} and the {@code oversight.*} gauges against scripted traffic with
 * known decisions and times, on a database of its own (every figure is asserted exactly). "Now"
 * is fixed at {@link #NOW} for the figures; H2 and PostgreSQL run the same assertions.
 */
abstract class MetricsContract {

    static final Instant NOW = Instant.parse("2030-06-15T12:00:00Z");

    /** What the week of {@link ScriptedWeek} must show, worked out by hand from its script. */
    static final String EVERY_FIELD_OF_THE_WEEK = """
            {"proposals": 16, "escalated": 12, "escalationRate": 0.75,
             "queues": [
               {"queue": "billing", "open": 0, "oldestWaitSeconds": 0, "slaBreached": 0},
               {"queue": "legal", "open": 2, "oldestWaitSeconds": 691200, "slaBreached": 1},
               {"queue": "support-leads", "open": 1, "oldestWaitSeconds": 7200, "slaBreached": 2},
               {"queue": "trust-safety", "open": 0, "oldestWaitSeconds": 0, "slaBreached": 0}],
             "approvalTimeSeconds": {"avg": 403.333, "p50": 240.0, "p90": 960.0},
             "overrideRate": 0.4444, "editRate": 0.2222, "rejectionRate": 0.2222,
             "falseEscalationRate": 0.4444, "missedEscalationRate": 0.3333,
             "customerWaitSeconds": {"avg": 723.0, "p90": 1440.0},
             "sensitiveActionsApprovedByRole": {"billing": 1, "finance": 1, "trust-safety": 1},
             "reviewerLoad": [
               {"reviewer": "bill", "decided": 1, "open": 0}, {"reviewer": "fran", "decided": 1, "open": 0},
               {"reviewer": "lee", "decided": 1, "open": 0}, {"reviewer": "lena", "decided": 5, "open": 1},
               {"reviewer": "sam", "decided": 1, "open": 0}],
             "qaIncidents": 2, "reviewerAgreement": 0.75}""";

    static final ObjectMapper JSON = new ObjectMapper();

    @TestBean(name = "metricsClock", methodName = "io.oversight.metrics.MetricsContract#fixedClock")
    Clock clock;

    @LocalServerPort int port;
    @Autowired Proposals proposals;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired IdentityService identity;
    @Autowired JdbcClient jdbc;
    @Autowired MetricsSnapshot snapshot;

    ApiClient api;
    Traffic traffic;

    static Clock fixedClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @BeforeEach
    void freshData() {
        api = new ApiClient("http://localhost:" + port);
        traffic = new Traffic(proposals, tasks, runtime, management, identity, jdbc);
        traffic.reset();
    }

    @Test
    void everyFieldOfAScriptedWeekIsExact() throws Exception {
        new ScriptedWeek(traffic, sampledWorkflow()).play();

        JsonNode week = metrics("?from=" + NOW.minus(Duration.ofDays(7)) + "&to=" + NOW, "lena");

        assertThat(week).isEqualTo(JSON.readTree(EVERY_FIELD_OF_THE_WEEK));
        assertThat(metrics("", "quinn")).as("the default window is the last 7 days").isEqualTo(week);
    }

    @Test
    @DisplayName("Demo test 5: analytics show missed escalations, false escalations, reviewer load and override patterns")
    void demoTest5_analyticsShowMissedFalseEscalationsReviewerLoadAndOverrides() throws Exception {
        new ScriptedDay(traffic, sampledWorkflow()).play();

        JsonNode day = metrics("?from=" + NOW.minus(Duration.ofDays(1)) + "&to=" + NOW, "lena");

        assertThat(day.get("missedEscalationRate").asDouble()).as("1 of 6 audited auto-approvals").isEqualTo(0.1667);
        assertThat(day.get("qaIncidents").asLong()).isEqualTo(2);
        assertThat(day.get("falseEscalationRate").asDouble()).as("4 of 8 escalations approved unchanged").isEqualTo(0.5);
        assertThat(day.get("overrideRate").asDouble()).as("2 edits + 2 rejections of 8").isEqualTo(0.5);
        assertThat(day.get("editRate").asDouble()).isEqualTo(0.25);
        assertThat(day.get("rejectionRate").asDouble()).isEqualTo(0.25);
        assertThat(day.get("reviewerLoad")).isEqualTo(JSON.readTree("""
                [{"reviewer": "bill", "decided": 1, "open": 0}, {"reviewer": "lee", "decided": 2, "open": 0},
                 {"reviewer": "lena", "decided": 4, "open": 1}, {"reviewer": "sam", "decided": 1, "open": 0}]"""));
        assertThat(day.get("proposals").asLong()).isEqualTo(15);
        assertThat(day.get("escalated").asLong()).isEqualTo(9);
        assertThat(day.get("approvalTimeSeconds")).isEqualTo(JSON.readTree("{\"avg\": 450.0, \"p50\": 270.0, \"p90\": 990.0}"));
    }

    @Test
    void theGaugesShowTheLastSnapshotOfTheLastDay() {
        new ScriptedWeek(traffic, sampledWorkflow()).play();
        snapshot.refresh();

        String scrape = api.get("/actuator/prometheus", ApiClient.basic("quinn")).body();

        assertThat(scrape).contains("oversight_queue_open{queue=\"legal\"} 2.0",
                "oversight_queue_open{queue=\"support-leads\"} 1.0",
                "oversight_queue_oldest_wait_seconds{queue=\"legal\"} 691200.0",
                "oversight_queue_sla_breached{queue=\"support-leads\"} 1.0",
                "oversight_proposals 2.0", "oversight_escalation_rate 1.0", "oversight_override_rate 0.0",
                "oversight_approval_time_seconds{quantile=\"0.5\"} NaN", "oversight_reviewer_open{reviewer=\"lena\"} 1.0");
        assertThat(scrape).as("no series for queues without work in the last day").doesNotContain("queue=\"billing\"");
        assertThat(api.get("/actuator/prometheus", ApiClient.basic("alice")).status()).isEqualTo(403);
    }

    @Test
    void aBadWindowIsRefusedNamingTheField() {
        assertBadRequest("?from=yesterday", "from");
        assertBadRequest("?to=2030-13-01T00:00:00Z", "to");
        assertBadRequest("?from=" + NOW + "&to=" + NOW, "from");
        assertBadRequest("?from=" + NOW + "&to=" + NOW.minusSeconds(1), "from");
    }

    @Test
    void onlyOwnersReadTheMetrics() {
        for (String owner : new String[] {"lena", "quinn", "admin"}) {
            assertThat(api.get("/api/v1/metrics", ApiClient.basic(owner)).status()).as(owner).isEqualTo(200);
        }
        assertThat(api.get("/api/v1/metrics", ApiClient.basic("alice")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/metrics", "Bearer " + ApiClient.DEMO_AGENT_KEY).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/metrics", null).status()).isEqualTo(401);
        // an unknown user: a wrong password would lock a real one for a few seconds
        assertThat(api.get("/api/v1/metrics", ApiClient.basic("nobody", "wrong")).status()).isEqualTo(401);
    }

    private JsonNode metrics(String query, String user) {
        ApiClient.Response response = api.get("/api/v1/metrics" + query, ApiClient.basic(user));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void assertBadRequest(String query, String field) {
        ApiClient.Response response = api.get("/api/v1/metrics" + query, ApiClient.basic("lena"));
        assertThat(response.status()).as(query).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().at("/errors/0/field").asText()).as(query).isEqualTo(field);
    }

    /** A workflow of its own whose automatic approvals are all audited (qaSampleRate 1.0), set by lena. */
    String sampledWorkflow() {
        String workflow = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response policy = api.send("PUT", "/api/v1/policies/" + workflow,
                "{\"mode\": \"EXCEPTIONS_ONLY\", \"qaSampleRate\": 1.0}", ApiClient.basic("lena"));
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        return workflow;
    }
}
