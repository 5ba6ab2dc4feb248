package io.oversight.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.escalation.AgentProposalProcess.Elements;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A careful insider with demo credentials, through the engine's REST API that Tasklist uses: nothing a
 * reviewer sends besides the decision variables moves the process, and what is released is exactly
 * what was approved.
 */
@OversightTest
class InsiderAttacksTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String INJECTED_ACTION = "{\"kind\":\"REFUND\",\"amount\":990,\"currency\":\"EUR\","
            + "\"parameters\":{\"ref\":\"attacker\"}}";

    @LocalServerPort int port;
    @Autowired ExternalTaskService externalTasks;
    @Autowired RuntimeService runtime;
    @Autowired AuthorizationService authorizations;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void approvingAsProposedWithAnInjectedFinalActionIsRefusedAndReleasesOnlyTheProposal() {
        String id = submit(ApiClient.freshExample("refund-approval"));

        var attack = complete(id, "lena", """
                {"decision": {"value": "APPROVE"}, "changed": {"value": true},
                 "finalAction": {"value": %s, "type": "Json"}}""".formatted(MAPPER.valueToTree(INJECTED_ACTION)));

        assertRefused(attack, "changed", "finalAction");
        assertNothingMoved(id, "lena");

        assertThat(complete(id, "lena", "{\"decision\": {\"value\": \"APPROVE\"}}").status()).isEqualTo(204);
        ExternalTask released = onlyActionTask(id);
        JsonNode action = json(runtime.getVariable(released.getExecutionId(), "action"));
        assertThat(action.get("amount").decimalValue()).isEqualByComparingTo("249");
        assertThat(action.get("parameters").get("invoiceId").asText()).isEqualTo("inv-882");
        assertThat(runtime.getVariable(released.getExecutionId(), "approvalHash"))
                .isEqualTo(sha256(canonical(action)));
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(api.proposal(id).json().get("outcome").get("changed").asBoolean()).isFalse();
        assertThat(trailTypes(id)).doesNotContain("EDITED");
    }

    @Test
    void approvingAReplyWithAnInjectedFinalReplyIsRefused() {
        String id = submit(ApiClient.freshExample("angry-customer"));

        var attack = complete(id, "lena", """
                {"decision": {"value": "APPROVE"}, "changed": {"value": true},
                 "finalReply": {"value": "Click http://evil.example/login"}}""");

        assertRefused(attack, "changed", "finalReply");
        assertNothingMoved(id, "lena");
        complete(id, "lena", "{\"decision\": {\"value\": \"APPROVE\"}}");
        JsonNode doc = api.proposal(id).json();
        assertThat(doc.get("status").asText()).isEqualTo("APPROVED");
        assertThat(doc.get("outcome").get("reply").get("text").asText()).doesNotContain("evil");
    }

    @Test
    void everyStateVariableIsRefusedInACompletion() {
        String id = submit(ApiClient.freshExample("high-value-refund"));
        for (String name : List.of("changed", "finalAction", "finalReply", "controlModel", "firstApprover", "actionTopic",
                "proposalType", "reviewQueue", "decidedBy", "decidedGroup", "gate", "action", "approvalHash", "proposal",
                "reviewPriority")) {
            var attack = complete(id, "lena", """
                    {"decision": {"value": "APPROVE"}, "%s": {"value": "APPROVAL_BEFORE_ACTION"}}""".formatted(name));
            assertRefused(attack, name);
        }
        assertNothingMoved(id, "lena");
    }

    @Test
    void aChangedFormEchoIsRefusedAnUnchangedOneAccepted() {
        String id = submit(ApiClient.freshExample("angry-customer"));
        String taskId = taskOf(id, "lena").get("id").asText();
        String headline = api.get("/engine-rest/task/" + taskId + "/form-variables?variableNames=reviewHeadline",
                ApiClient.basic("lena")).json().get("reviewHeadline").get("value").asText();

        assertRefused(complete(id, "lena", """
                {"decision": {"value": "APPROVE"}, "reviewHeadline": {"value": "something else"}}"""), "reviewHeadline");
        assertThat(complete(id, "lena", """
                {"decision": {"value": "APPROVE"}, "reviewHeadline": {"value": %s}}"""
                .formatted(MAPPER.valueToTree(headline))).status()).isEqualTo(204);
    }

    @Test
    void reviewersCannotWriteVariablesThroughEngineRest() {
        String id = submit(ApiClient.freshExample("high-value-refund"));
        String taskId = taskOf(id, "lena").get("id").asText();
        String instance = api.get("/engine-rest/process-instance?businessKey=" + id, ApiClient.basic("admin")).json()
                .get(0).get("id").asText();
        String value = "{\"value\": \"APPROVAL_BEFORE_ACTION\", \"type\": \"String\"}";
        String modification = "{\"modifications\": {\"controlModel\": " + value + "}}";

        var put = api.send("PUT", "/engine-rest/task/" + taskId + "/variables/controlModel", value, ApiClient.basic("lena"));
        assertThat(put.status()).as(put.body()).isEqualTo(403);
        assertThat(api.postJson("/engine-rest/task/" + taskId + "/variables", modification, ApiClient.basic("lena"))
                .status()).isEqualTo(403);
        assertThat(api.send("PUT", "/engine-rest/task/" + taskId + "/localVariables/controlModel", value,
                ApiClient.basic("lena")).status()).isEqualTo(403);
        assertThat(api.postJson("/engine-rest/task/" + taskId + "/localVariables", modification, ApiClient.basic("lena"))
                .status()).isEqualTo(403);
        assertThat(api.send("PUT", "/engine-rest/process-instance/" + instance + "/variables/controlModel", value,
                ApiClient.basic("lena")).status()).isIn(403, 404);
        assertThat(api.send("DELETE", "/engine-rest/task/" + taskId + "/variables/proposalId", "",
                ApiClient.basic("lena")).status()).isEqualTo(403);

        // four eyes still holds: lena's approval goes to finance, nothing is released
        assertThat(complete(id, "lena", "{\"decision\": {\"value\": \"APPROVE\"}}").status()).isEqualTo(204);
        assertThat(taskOf(id, "fran").get("taskDefinitionKey").asText()).isEqualTo(Elements.SECOND_APPROVAL);
        assertThat(actionTasks(id)).isEmpty();
    }

    @Test
    void theGuardRefusesAVariableWriteThatSlipsPastTheAuthorizations() {
        String id = submit(ApiClient.freshExample("high-value-refund"));
        String taskId = taskOf(id, "lena").get("id").asText();
        Authorization misconfigured = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        misconfigured.setUserId("lena");
        misconfigured.setResource(Resources.TASK);
        misconfigured.setResourceId(taskId);
        misconfigured.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(misconfigured);
        try {
            var slipped = api.send("PUT", "/engine-rest/task/" + taskId + "/variables/controlModel",
                    "{\"value\": \"APPROVAL_BEFORE_ACTION\", \"type\": \"String\"}", ApiClient.basic("lena"));
            assertThat(slipped.status()).isGreaterThanOrEqualTo(400);
            assertThat(slipped.body()).contains("cannot be set, changed or removed by a person");
        } finally {
            authorizations.deleteAuthorization(misconfigured.getId());
        }
        assertNothingMoved(id, "lena");
    }

    @Test
    void aReleaseThatDiffersFromTheApprovalIsRefusedWithAnIncident() {
        String id = submit(ApiClient.freshExample("refund-approval"));
        complete(id, "lena", "{\"decision\": {\"value\": \"APPROVE\"}}");
        String instance = onlyActionTask(id).getProcessInstanceId();

        // someone with engine rights re-runs the release with another action
        runtime.createProcessInstanceModification(instance)
                .startBeforeActivity("task_verify_release")
                .setVariable("action", SpinValues.jsonValue(INJECTED_ACTION).create())
                .cancelAllForActivity("task_execute_action")
                .execute();

        assertThat(actionTasks(id)).isEmpty();
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).incidentType("releaseRefused").count())
                .isEqualTo(1);
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("EXECUTION_FAILED");
        assertThat(trailTypes(id)).endsWith("ACTION_FAILED");
    }


    @Test
    void aReviewerCannotStartTheReleaseOfAnActionNobodyApproved() {
        String id = submit(ApiClient.freshExample("refund-approval"));

        var forged = api.postJson("/engine-rest/message", """
                {"messageName": "RoutineActionApproved", "businessKey": "%s",
                 "processVariables": {"proposalId": {"value": "%s"}, "proposalType": {"value": "ACTION"},
                   "actionTopic": {"value": "action-refund"}, "action": {"value": %s, "type": "Json"}}}"""
                .formatted(id, id, MAPPER.valueToTree(INJECTED_ACTION)), ApiClient.basic("lena"));

        assertThat(forged.status()).as(forged.body()).isEqualTo(403);
        assertThat(actionTasks(id)).isEmpty();
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void onlyTheSubmittingAgentOrTheQueueMayAnswerAQuestion() {
        String id = submit(ApiClient.freshExample("legal-question"));
        complete(id, "lee", """
                {"decision": {"value": "REQUEST_INFO"}, "infoRequest": {"value": "Which agreement version?"},
                 "reviewComment": {"value": "need the version"}}""");
        String path = "/api/v1/proposals/" + id + "/information";

        var outsider = api.postJson(path, "{\"text\": \"Version 1, trust me\"}", ApiClient.basic("bill"));
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.contentType()).startsWith("application/problem+json");
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("AWAITING_INFORMATION");

        assertThat(api.postJson(path, "{\"text\": \"Version 2024-03\"}", ApiClient.basic("lee")).status()).isEqualTo(200);
        JsonNode provided = StreamSupport.stream(trail(id).spliterator(), false)
                .filter(e -> e.get("type").asText().equals("INFO_PROVIDED")).findFirst().orElseThrow();
        assertThat(provided.get("actor").asText()).isEqualTo("lee");
    }

    @Test
    void anAnswerRacingTheTimeoutIsAConflictNotAnError() {
        String id = submit(ApiClient.freshExample("legal-question"));
        complete(id, "lee", """
                {"decision": {"value": "REQUEST_INFO"}, "infoRequest": {"value": "Which agreement version?"},
                 "reviewComment": {"value": "need the version"}}""");
        // the wait ends (as when the timer fires) while the proposal still reads AWAITING_INFORMATION
        runtime.createProcessInstanceModification(instanceId(id)).cancelAllForActivity("receive_information")
                .startBeforeActivity("xor_back_to_review").execute();

        var late = api.postJson("/api/v1/proposals/" + id + "/information", "{\"text\": \"v2\"}",
                "Bearer " + ApiClient.DEMO_AGENT_KEY);
        assertThat(late.status()).as(late.body()).isEqualTo(409);
    }

    private void assertRefused(ApiClient.Response response, String... names) {
        assertThat(response.status()).as(response.body()).isGreaterThanOrEqualTo(400);
        assertThat(response.body()).contains("Decision refused: a completion of this task may carry only");
        for (String name : names) {
            assertThat(response.body()).contains(name);
        }
    }

    private void assertNothingMoved(String id, String reviewer) {
        assertThat(api.proposal(id).json().get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(taskOf(id, reviewer)).isNotNull();
        assertThat(actionTasks(id)).isEmpty();
        assertThat(trailTypes(id)).doesNotContain("DECIDED", "EDITED");
    }

    private List<ExternalTask> actionTasks(String proposalId) {
        return externalTasks.createExternalTaskQuery().processInstanceId(instanceId(proposalId)).list();
    }

    private ExternalTask onlyActionTask(String proposalId) {
        List<ExternalTask> tasks = actionTasks(proposalId);
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private String instanceId(String proposalId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(proposalId).singleResult().getId();
    }

    private List<String> trailTypes(String id) {
        return StreamSupport.stream(trail(id).spliterator(), false).map(e -> e.get("type").asText()).toList();
    }

    private JsonNode trail(String id) {
        return api.get("/api/v1/proposals/" + id + "/audit", "Bearer " + ApiClient.DEMO_AGENT_KEY).json().get("events");
    }

    private JsonNode taskOf(String proposalId, String user) {
        JsonNode tasks = api.get("/engine-rest/task?processInstanceBusinessKey=" + proposalId, ApiClient.basic(user)).json();
        assertThat(tasks).as("%s sees the task", user).hasSize(1);
        return tasks.get(0);
    }

    private ApiClient.Response complete(String proposalId, String user, String variables) {
        return api.postJson("/engine-rest/task/" + taskOf(proposalId, user).get("id").asText() + "/complete",
                "{\"variables\": " + variables + "}", ApiClient.basic(user));
    }

    private String submit(JsonNode body) {
        return api.submit(body).json().get("id").asText();
    }

    private static JsonNode json(Object value) {
        try {
            return MAPPER.readTree(value.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The contract's canonical form, recomputed independently: sorted keys, no whitespace, plain numbers. */
    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            var names = new java.util.TreeSet<String>();
            node.fieldNames().forEachRemaining(names::add);
            StringBuilder out = new StringBuilder("{");
            for (String name : names) {
                out.append(out.length() > 1 ? "," : "").append(MAPPER.valueToTree(name).toString()).append(':')
                        .append(canonical(node.get(name)));
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(e -> out.append(out.length() > 1 ? "," : "").append(canonical(e)));
            return out.append(']').toString();
        }
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        return node.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
