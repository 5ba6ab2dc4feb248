package io.oversight.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.oversight.support.ApiClient;
import io.oversight.support.ApiClient.Response;
import io.oversight.support.OversightTest;
import io.oversight.support.Proposals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.ExponentialBackoffStrategy;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The action system's account plays the insider (issue 9, item 3): every engine API call that
 * could move a proposal's process is refused with a 403 problem+json and nothing moves; what it
 * may do (fetch, lock, extend, complete and fail its own topics' tasks) still works.
 */
@OversightTest
class ActionSystemBoundaryTest {

    private static final String WORKER = ApiClient.basic("action-worker");

    @LocalServerPort int port;
    @Autowired Proposals proposals;
    @Autowired RuntimeService runtime;
    @Autowired ExternalTaskService externalTasks;
    @Autowired ManagementService management;
    @Autowired IdentityService identity;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void theActionSystemCannotMoveAProposalWaitingForReview() {
        String id = api.submit(ApiClient.freshExample("refund-approval")).json().get("id").asText();
        ProcessInstance instance = proposals.instance(id);
        String pi = instance.getId();
        Task review = proposals.openTask(id);
        Job timer = management.createJobQuery().processInstanceId(pi).timers().list().get(0);
        Date timerDue = timer.getDuedate();
        String variablesBefore = runtime.getVariables(pi).toString();

        Map<String, String[]> attacks = new LinkedHashMap<>();
        String startBefore = "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"task_execute_action\"}]}";
        attacks.put("modification", new String[] {"POST", "/process-instance/" + pi + "/modification", startBefore});
        attacks.put("modification on the named engine", new String[] {"POST", "/engine/default/process-instance/" + pi + "/modification", startBefore});
        attacks.put("async modification", new String[] {"POST", "/process-instance/" + pi + "/modification-async", startBefore});
        attacks.put("instance variable PUT", new String[] {"PUT", "/process-instance/" + pi + "/variables/controlModel",
                "{\"value\":\"VETO_WINDOW\",\"type\":\"String\"}"});
        attacks.put("instance variables POST", new String[] {"POST", "/process-instance/" + pi + "/variables",
                "{\"modifications\":{\"actionTopic\":{\"value\":\"action-credit\",\"type\":\"String\"}}}"});
        attacks.put("execution local variable", new String[] {"PUT", "/execution/" + pi + "/localVariables/action",
                "{\"value\":\"{}\",\"type\":\"String\"}"});
        attacks.put("task variables", new String[] {"POST", "/task/" + review.getId() + "/variables",
                "{\"modifications\":{\"decision\":{\"value\":\"APPROVE\",\"type\":\"String\"}}}"});
        attacks.put("task complete", new String[] {"POST", "/task/" + review.getId() + "/complete",
                "{\"variables\":{\"decision\":{\"value\":\"APPROVE\",\"type\":\"String\"}}}"});
        attacks.put("task claim", new String[] {"POST", "/task/" + review.getId() + "/claim", "{\"userId\":\"action-worker\"}"});
        attacks.put("job execute", new String[] {"POST", "/job/" + timer.getId() + "/execute", "{}"});
        attacks.put("job due date", new String[] {"PUT", "/job/" + timer.getId() + "/duedate", "{\"duedate\":\"2020-01-01T00:00:00.000+0000\"}"});
        attacks.put("job retries", new String[] {"PUT", "/job/" + timer.getId() + "/retries", "{\"retries\":0}"});
        attacks.put("message", new String[] {"POST", "/message",
                "{\"messageName\":\"InformationProvided\",\"businessKey\":\"" + id + "\"}"});
        attacks.put("signal", new String[] {"POST", "/signal", "{\"name\":\"anything\"}"});
        attacks.put("process start", new String[] {"POST", "/process-definition/key/agent-proposal/start",
                "{\"businessKey\":\"forged\",\"variables\":{}}"});
        attacks.put("submit start form", new String[] {"POST", "/process-definition/key/agent-proposal/submit-form", "{}"});
        attacks.put("restart", new String[] {"POST", "/process-definition/" + instance.getProcessDefinitionId() + "/restart",
                "{\"processInstanceIds\":[\"" + pi + "\"],\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"task_execute_action\"}]}"});
        attacks.put("migration", new String[] {"POST", "/migration/execute", "{\"processInstanceIds\":[\"" + pi + "\"]}"});
        attacks.put("suspend", new String[] {"PUT", "/process-instance/" + pi + "/suspended", "{\"suspended\":true}"});
        attacks.put("delete", new String[] {"DELETE", "/process-instance/" + pi, ""});
        attacks.put("batch variables", new String[] {"POST", "/process-instance/variables-async",
                "{\"processInstanceIds\":[\"" + pi + "\"],\"variables\":{\"proposalType\":{\"value\":\"ACTION\"}}}"});
        attacks.put("deployment", new String[] {"POST", "/deployment/create", "{}"});
        attacks.put("condition", new String[] {"POST", "/condition", "{\"variables\":{}}"});
        attacks.put("read variables", new String[] {"GET", "/process-instance/" + pi + "/variables", ""});

        attacks.forEach((name, attack) -> {
            Response response = api.send(attack[0], "/engine-rest" + attack[1], attack[2], WORKER);
            assertThat(response.status()).as("%s answered %s", name, response.body()).isEqualTo(403);
            assertThat(response.contentType()).as(name).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asText()).as(name).contains("action-refund");
        });

        Response oddPath = api.send("POST", "/engine-rest//process-instance/" + pi + "/./modification", startBefore, WORKER);
        assertThat(oddPath.status()).as("an unnormalised path is refused before anything runs: %s", oddPath.body()).isIn(400, 403);
        Response overridden = methodOverride("/engine-rest/process-instance/" + pi, "DELETE");
        assertThat(overridden.status()).as(overridden.body()).isEqualTo(403);

        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(proposals.openTask(id).getId()).as("the review task is still open").isEqualTo(review.getId());
        assertThat(runtime.getActiveActivityIds(pi)).doesNotContain("task_execute_action");
        assertThat(externalTasks.createExternalTaskQuery().processInstanceId(pi).count()).isZero();
        assertThat(runtime.getVariables(pi).toString()).as("no variable changed").isEqualTo(variablesBefore);
        assertThat(management.createJobQuery().jobId(timer.getId()).singleResult().getDuedate()).isEqualTo(timerDue);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("forged").count()).isZero();
    }

    @Test
    void theActionSystemWorksOnlyItsOwnTopicsAndReportsOnlyItsResult() {
        String id = api.submit(ApiClient.freshExample("refund-approval")).json().get("id").asText();
        proposals.decide(id, "lena", List.of("support-leads"), Map.of("decision", "APPROVE"));
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("APPROVED");
        String pi = proposals.instance(id).getId();
        String taskId = externalTasks.createExternalTaskQuery().processInstanceId(pi).singleResult().getId();

        String crm = crmOnlyAccount();
        Response foreignFetch = api.postJson("/engine-rest/external-task/fetchAndLock", fetch("action-refund", id), crm);
        assertThat(foreignFetch.status()).as(foreignFetch.body()).isEqualTo(403);
        assertThat(foreignFetch.json().get("detail").asText()).contains("action-refund").contains("not yours");
        Response foreignComplete = api.postJson("/engine-rest/external-task/" + taskId + "/complete", "{\"workerId\":\"crm\"}", crm);
        assertThat(foreignComplete.status()).as(foreignComplete.body()).isEqualTo(403);
        assertThat(api.postJson("/engine-rest/external-task/" + taskId + "/lock",
                "{\"workerId\":\"crm\",\"lockDuration\":60000}", crm).status()).isEqualTo(403);
        assertThat(api.postJson("/engine-rest/external-task/fetchAndLock",
                fetch("action-refund", id).replace("\"topics\"", "\"topics\":[],\"topics\""), WORKER).status())
                .as("a duplicated key cannot hide a topic").isEqualTo(403);

        JsonNode locked = api.postJson("/engine-rest/external-task/fetchAndLock", fetch("action-refund", id), WORKER).json();
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).get("id").asText()).isEqualTo(taskId);

        Response forgedVariables = api.postJson("/engine-rest/external-task/" + taskId + "/complete",
                "{\"workerId\":\"billing\",\"variables\":{\"proposalId\":{\"value\":\"someone-else\",\"type\":\"String\"}}}", WORKER);
        assertThat(forgedVariables.status()).as(forgedVariables.body()).isEqualTo(403);
        assertThat(forgedVariables.json().get("detail").asText()).contains("variables.proposalId");
        Response forgedLocal = api.postJson("/engine-rest/external-task/" + taskId + "/failure",
                "{\"workerId\":\"billing\",\"errorMessage\":\"x\",\"retries\":0,\"localVariables\":{\"action\":{\"value\":\"{}\"}}}", WORKER);
        assertThat(forgedLocal.status()).as(forgedLocal.body()).isEqualTo(403);
        assertThat(api.postJson("/engine-rest/external-task/" + taskId + "/bpmnError",
                "{\"workerId\":\"billing\",\"errorCode\":\"x\"}", WORKER).status()).isEqualTo(403);
        assertThat(api.send("PUT", "/engine-rest/external-task/" + taskId + "/retries", "{\"retries\":5}", WORKER).status())
                .isEqualTo(403);
        assertThat(api.send("PUT", "/engine-rest/external-task/" + taskId + "/priority", "{\"priority\":5}", WORKER).status())
                .isEqualTo(403);
        assertThat(api.proposal(id).json().get("status").asText()).as("nothing moved").isEqualTo("APPROVED");
        assertThat(externalTasks.createExternalTaskQuery().externalTaskId(taskId).count()).isEqualTo(1);

        assertThat(api.postJson("/engine-rest/external-task/" + taskId + "/extendLock",
                "{\"workerId\":\"billing\",\"newDuration\":60000}", WORKER).status()).isEqualTo(204);
        Response done = api.postJson("/engine-rest/external-task/" + taskId + "/complete",
                "{\"workerId\":\"billing\",\"variables\":{\"actionResult\":{\"value\":\"refund r-1\",\"type\":\"String\"}}}", WORKER);
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("EXECUTED");
        assertThat(api.postJson("/engine-rest/external-task/" + taskId + "/complete", "{\"workerId\":\"billing\"}", WORKER)
                .status()).as("gone once completed").isEqualTo(404);
    }

    @Test
    void camundasExternalTaskClientStillWorksThroughTheGuard() {
        String id = api.submit(ApiClient.freshExample("refund-approval")).json().get("id").asText();
        proposals.decide(id, "lena", List.of("support-leads"), Map.of("decision", "APPROVE"));
        ExternalTaskClient client = ExternalTaskClient.create().baseUrl("http://localhost:" + port + "/engine-rest")
                .addInterceptor(new BasicAuthProvider("action-worker", "action-worker")).workerId("billing-client")
                .asyncResponseTimeout(2_000).backoffStrategy(new ExponentialBackoffStrategy(100, 2f, 500)).build();
        try {
            client.subscribe("action-refund").businessKey(id).handler((task, service) ->
                    service.complete(task, Map.of("actionResult", "refunded"))).open();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.proposal(id).json().get("status").asText().equals("EXECUTED"));
        } finally {
            client.stop();
        }
    }

    @Test
    void theActionSystemCannotUseTheWebappsEngineApi() {
        String id = api.submit(ApiClient.freshExample("refund-approval")).json().get("id").asText();
        String pi = proposals.instance(id).getId();
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        send(http, HttpRequest.newBuilder(uri("/camunda/app/welcome/default/")).GET());
        HttpResponse<String> login = send(http, HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/welcome"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf(cookies))
                .POST(HttpRequest.BodyPublishers.ofString("username=action-worker&password=action-worker")));
        assertThat(login.statusCode()).as("anyone may log in to the welcome app: %s", login.body()).isEqualTo(200);

        HttpResponse<String> modification = send(http, HttpRequest.newBuilder(
                uri("/camunda/api/engine/engine/default/process-instance/" + pi + "/modification"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf(cookies))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"task_execute_action\"}]}")));
        assertThat(modification.statusCode()).as(modification.body()).isEqualTo(403);
        assertThat(modification.body()).contains("webapps");
        assertThat(runtime.getActiveActivityIds(pi)).doesNotContain("task_execute_action");
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void adminsFirstVisitSetupIsClosed() {
        Response setup = api.postJson("/camunda/api/admin/setup/default/user/create",
                "{\"profile\":{\"id\":\"mallory\",\"firstName\":\"M\",\"lastName\":\"M\",\"email\":\"m@x.example\"},"
                        + "\"credentials\":{\"password\":\"mallory-Passw0rd!\"}}", null);
        assertThat(setup.status()).isEqualTo(403);
        assertThat(identity.createUserQuery().userId("mallory").count()).isZero();
    }

    private Response methodOverride(String path, String method) {
        HttpResponse<String> response = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(uri(path))
                .header("Authorization", WORKER).header("X-HTTP-Method-Override", method)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers());
    }

    /** A second action system's account, member of the "accounts" system only (not refunds). */
    private String crmOnlyAccount() {
        if (identity.createUserQuery().userId("crm-worker").count() == 0) {
            User user = identity.newUser("crm-worker");
            user.setPassword("crm-worker-secret");
            identity.saveUser(user);
            identity.createMembership("crm-worker", ActionSystemProperties.groupId("accounts"));
        }
        return ApiClient.basic("crm-worker", "crm-worker-secret");
    }

    private static String fetch(String topic, String businessKey) {
        return """
                {"workerId": "billing", "maxTasks": 5,
                 "topics": [{"topicName": "%s", "lockDuration": 30000, "businessKey": "%s"}]}""".formatted(topic, businessKey);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String xsrf(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
