package io.oversight.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Oversight API read with a Camunda webapp session (the Cockpit plugin's way): the person's
 * groups decide as with HTTP Basic, and the session is good for reads only.
 */
@OversightTest
class CockpitSessionAccessTest {

    private static final String METRICS = "/api/v1/metrics";

    @LocalServerPort int port;
    WebappSession session;

    @BeforeEach
    void browser() {
        session = new WebappSession("http://localhost:" + port);
    }

    @Test
    void anOwnerLoggedInToCockpitReadsTheMetrics() {
        assertThat(session.logIn("admin", "cockpit")).isEqualTo(200);

        var metrics = session.send("GET", METRICS, null, null);

        assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
        assertThat(metrics.body()).contains("\"escalationRate\"");
    }

    @Test
    void readingTheMetricsLeavesTheCockpitSessionAsItIs() {
        session.logIn("admin", "cockpit");

        var metrics = session.send("GET", METRICS, null, null);

        assertThat(metrics.headers().allValues("Set-Cookie")).as("no new session id: Cockpit's requests in flight keep theirs")
                .isEmpty();
        assertThat(session.get("/camunda/api/engine/engine/default/task/count")).as("Cockpit still logged in").isEqualTo(200);
    }

    @Test
    void aLeadLoggedInToTasklistReadsTheMetrics() {
        assertThat(session.logIn("lena", "tasklist")).isEqualTo(200);

        assertThat(session.get(METRICS)).isEqualTo(200);
    }

    @Test
    void aReviewerWhoIsNoOwnerIsForbidden() {
        assertThat(session.logIn("alice", "tasklist")).isEqualTo(200);

        assertThat(session.get(METRICS)).isEqualTo(403);
    }

    @Test
    void withoutALoginThereIsNoAccess() {
        assertThat(session.get(METRICS)).isEqualTo(401);
    }

    @Test
    void theSessionNeverChangesAnything() {
        session.logIn("admin", "cockpit");

        var change = session.send("PUT", "/api/v1/policies/session-test", "{\"mode\": \"PAUSED\"}", null);

        assertThat(change.statusCode()).as("a write needs Basic or a Bearer key (no CSRF through the cookie)").isEqualTo(401);
        assertThat(new ApiClient("http://localhost:" + port).get("/api/v1/policies/session-test", ApiClient.basic("lena"))
                .json().get("mode").asText()).isEqualTo("EXCEPTIONS_ONLY");
    }

    @Test
    void anAuthorizationHeaderWinsOverTheSession() {
        session.logIn("admin", "cockpit");

        assertThat(session.send("GET", METRICS, null, ApiClient.basic("alice")).statusCode()).isEqualTo(403);
        assertThat(session.send("GET", METRICS, null, "Bearer " + ApiClient.DEMO_AGENT_KEY).statusCode()).isEqualTo(403);
    }

    @Test
    void afterLoggingOutTheSessionIsNoLongerAccepted() {
        session.logIn("admin", "cockpit");
        assertThat(session.get(METRICS)).isEqualTo(200);

        session.logOut();

        assertThat(session.get(METRICS)).isEqualTo(401);
    }
}
