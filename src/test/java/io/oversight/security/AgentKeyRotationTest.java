package io.oversight.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Agent keys (issue 9, item 8): a rotation overlaps, a revocation holds within the cache time and
 * for good, only administrators manage keys, and a node that has not loaded its keys answers 503
 * with Retry-After, never 401. (Two nodes: {@code io.oversight.cluster.AgentKeyClusterIT}.)
 */
@OversightTest
class AgentKeyRotationTest {

    @LocalServerPort int port;
    @Autowired AgentKeys keys;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void oldAndNewKeyOverlapThenTheRevokedOneStopsWithinSeconds() throws Exception {
        String agent = "rotating-" + UUID.randomUUID().toString().substring(0, 8);
        String oldKey = "old-" + UUID.randomUUID();
        String newKey = "new-" + UUID.randomUUID();
        assertThat(add(agent, oldKey)).isEqualTo(201);
        assertThat(status(oldKey)).as("authenticated (unknown proposal)").isEqualTo(404);

        assertThat(add(agent, newKey)).isEqualTo(201);
        assertThat(status(newKey)).isEqualTo(404);
        assertThat(status(oldKey)).as("both keys work during the rotation").isEqualTo(404);

        var revoked = api.send("DELETE", "/api/v1/agent-keys/" + AgentKeys.sha256(oldKey), "", ApiClient.basic("admin"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> status(oldKey) == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThanOrEqualTo(SecurityProperties.MAX_CACHE);
        assertThat(status(newKey)).isEqualTo(404);

        assertThat(add(agent, oldKey)).as("re-adding a revoked key").isEqualTo(409);
        keys.register(agent, AgentKeys.sha256(oldKey)); // e.g. a node whose configuration still lists it
        Thread.sleep(2_100);
        assertThat(status(oldKey)).as("a revoked key is never re-enabled").isEqualTo(401);
        assertThat(api.get("/api/v1/agent-keys", ApiClient.basic("admin")).body())
                .contains(AgentKeys.sha256(oldKey).substring(0, 12)).doesNotContain(AgentKeys.sha256(oldKey));
    }

    @Test
    void onlyAdministratorsManageKeys() throws Exception {
        assertThat(api.get("/api/v1/agent-keys", ApiClient.basic("lena")).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/agent-keys", body("x", "k"), "Bearer " + ApiClient.DEMO_AGENT_KEY).status())
                .isEqualTo(403);
        var plainKey = api.postJson("/api/v1/agent-keys",
                new ObjectMapper().writeValueAsString(java.util.Map.of("agentId", "x", "sha256", "my-plain-key")),
                ApiClient.basic("admin"));
        assertThat(plainKey.status()).isEqualTo(400);
        assertThat(plainKey.json().get("errors").get(0).get("field").asText()).isEqualTo("sha256");
    }

    @Test
    void beforeTheKeysAreLoadedTheApiAnswers503WithRetryAfter() throws Exception {
        AgentKeys loading = new AgentKeys(null, new SecurityProperties(List.of(), List.of(), Duration.ofSeconds(2)));
        var filter = new BearerKeyFilter(loading, (request, response, e) -> response.setStatus(401),
                SecurityConfig.startingUp(new ObjectMapper()));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/proposals/x");
        request.addHeader("Authorization", "Bearer " + ApiClient.DEMO_AGENT_KEY);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(chain.getRequest()).as("the request went no further").isNull();
        assertThat(keys.loaded()).as("the running node has loaded its keys").isTrue();
    }

    private int add(String agent, String key) throws Exception {
        return api.postJson("/api/v1/agent-keys", body(agent, AgentKeys.sha256(key)), ApiClient.basic("admin")).status();
    }

    private static String body(String agent, String hash) throws Exception {
        return new ObjectMapper().writeValueAsString(java.util.Map.of("agentId", agent, "sha256", hash));
    }

    private int status(String key) {
        return api.get("/api/v1/proposals/" + UUID.randomUUID(), "Bearer " + key).status();
    }
}
