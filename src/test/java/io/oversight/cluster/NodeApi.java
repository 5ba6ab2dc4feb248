package io.oversight.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.support.ApiClient;
import io.oversight.support.ApiClient.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The outside of one node, as an agent and a reviewer use it: the agent API with the demo key and
 * engine-rest with the demo users. Every request has a time limit, so a hanging node fails a test
 * instead of holding it.
 */
final class NodeApi {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String AGENT = "Bearer " + ApiClient.DEMO_AGENT_KEY;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String baseUrl;

    NodeApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Response readiness() {
        return send(request("/actuator/health/readiness").GET().timeout(REQUEST_TIMEOUT));
    }

    Response submit(JsonNode body) {
        return send(request("/api/v1/proposals").POST(json(body.toString())).header("Content-Type", "application/json")
                .header("Authorization", AGENT).timeout(REQUEST_TIMEOUT));
    }

    /** Submits and expects a new proposal (201). */
    JsonNode submitted(JsonNode body) {
        Response response = submit(body);
        assertThat(response.status()).as("submission answered %s", response.body()).isEqualTo(201);
        return response.json();
    }

    Response proposal(String id) {
        return send(request("/api/v1/proposals/" + id).GET().header("Authorization", AGENT).timeout(REQUEST_TIMEOUT));
    }

    /** A long poll: holds until the status changes or {@code waitSeconds} pass. */
    Response proposal(String id, int waitSeconds) {
        return send(request("/api/v1/proposals/" + id + "?waitSeconds=" + waitSeconds).GET()
                .header("Authorization", AGENT).timeout(REQUEST_TIMEOUT.plusSeconds(waitSeconds)));
    }

    String status(String id) {
        Response response = proposal(id);
        assertThat(response.status()).as("GET proposal %s answered %s", id, response.body()).isEqualTo(200);
        return response.json().get("status").asText();
    }

    Response get(String path, String authorization) {
        return send(request(path).GET().header("Authorization", authorization).timeout(REQUEST_TIMEOUT));
    }

    Response post(String path, String json, String authorization) {
        return send(request(path).POST(json(json)).header("Content-Type", "application/json")
                .header("Authorization", authorization).timeout(REQUEST_TIMEOUT));
    }

    Response delete(String path, String authorization) {
        return send(request(path).DELETE().header("Authorization", authorization).timeout(REQUEST_TIMEOUT));
    }

    /** The open review tasks of a proposal that {@code user} may see, over engine-rest. */
    JsonNode tasks(String proposalId, String user) {
        Response response = get("/engine-rest/task?processInstanceBusinessKey=" + encode(proposalId), ApiClient.basic(user));
        assertThat(response.status()).as("task query answered %s", response.body()).isEqualTo(200);
        return response.json();
    }

    /** The single open review task of a proposal. */
    JsonNode task(String proposalId, String user) {
        JsonNode tasks = tasks(proposalId, user);
        assertThat(tasks).as("open tasks of %s for %s", proposalId, user).hasSize(1);
        return tasks.get(0);
    }

    /** Completes a review task over engine-rest with a decision, as a person would from Tasklist. */
    Response decide(String taskId, String user, String decision) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("variables").putObject("decision").put("value", decision).put("type", "String");
        return post("/engine-rest/task/" + taskId + "/complete", body.toString(), ApiClient.basic(user));
    }

    /** Completes an external task over engine-rest as the action system's user, in the name of a worker. */
    Response completeExternalTask(String externalTaskId, String workerId) {
        ObjectNode body = MAPPER.createObjectNode().put("workerId", workerId);
        return post("/engine-rest/external-task/" + externalTaskId + "/complete", body.toString(),
                ApiClient.basic("action-worker"));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path));
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(request.build().uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
