package io.oversight.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import io.oversight.support.Proposals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The MCP server driven by the official MCP Java SDK client over Streamable HTTP, as an agent framework would. */
@OversightTest
@TestPropertySource(properties = {
        "oversight.security.agent-keys[0].agent-id=demo-agent",
        "oversight.security.agent-keys[0].sha256=8cfbbed0d818a803eddf3db2193bd492460b2db9999d03775a023dd8f90d04a6",
        "oversight.security.agent-keys[1].agent-id=other-agent",
        // SHA-256 of "other-agent-key"
        "oversight.security.agent-keys[1].sha256=89a684e154dcc8c2226e0bef6e8afa1928d6fe056926ee44afeebdab92f7c0bf",
        "oversight.mcp.progress-interval=PT0.5S"})
class McpServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired Proposals proposals;

    final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    final List<McpSyncClient> clients = new ArrayList<>();
    ApiClient rest;
    McpSyncClient agent;

    @BeforeEach
    void connect() {
        rest = new ApiClient("http://localhost:" + port);
        agent = client("demo-agent-key");
        agent.initialize();
    }

    @AfterEach
    void close() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    @Test
    void listsTheFourToolsWithSchemasOfTheRestRequestTypes() {
        var tools = agent.listTools().tools();

        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder(
                "submit_proposal", "get_proposal", "answer_information_request", "get_audit_trail");
        JsonNode submit = schema(tools, "submit_proposal");
        assertThat(submit.get("required")).extracting(JsonNode::asText)
                .contains("idempotencyKey", "type", "conversation", "agent");
        assertThat(submit.at("/properties/idempotencyKey/maxLength").asInt()).isEqualTo(200);
        assertThat(submit.at("/properties/conversation/$ref").asText()).isEqualTo("#/$defs/Conversation");
        assertThat(submit.at("/$defs/Agent/required")).extracting(JsonNode::asText).contains("id", "confidence");
        JsonNode wait = schema(tools, "get_proposal");
        assertThat(wait.at("/properties/waitSeconds/maximum").asInt()).isEqualTo(60);
        assertThat(schema(tools, "answer_information_request").get("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("id", "text");
    }

    @Test
    void theProposalToolsSchemaIsTheOpenApiRequestSchema() {
        JsonNode submit = schema(agent.listTools().tools(), "submit_proposal");
        JsonNode served = json(rest.get("/v3/api-docs", null).body().replace("#/components/schemas/", "#/$defs/"));
        JsonNode components = served.at("/components/schemas");

        assertThat(submit.get("properties")).isEqualTo(components.at("/ProposalRequest/properties"));
        assertThat(submit.get("required")).isEqualTo(components.at("/ProposalRequest/required"));
        submit.get("$defs").fields().forEachRemaining(def ->
                assertThat(def.getValue()).as(def.getKey()).isEqualTo(components.get(def.getKey())));
    }

    @Test
    void aRoutineProposalIsApprovedAndIsTheSameProposalOverRest() {
        ObjectNode body = ApiClient.freshExample("routine-reply");

        CallToolResult result = call(agent, "submit_proposal", body);

        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        JsonNode doc = structured(result);
        assertThat(doc.get("status").asText()).isEqualTo("APPROVED");
        assertThat(text(result)).contains("APPROVED").contains("send the reply now");
        String id = doc.get("id").asText();
        JsonNode overRest = rest.proposal(id).json();
        assertThat(overRest.get("status").asText()).isEqualTo("APPROVED");
        assertThat(overRest.get("idempotencyKey").asText()).isEqualTo(body.get("idempotencyKey").asText());

        // one idempotency across both surfaces: the same key and body again starts nothing
        var again = rest.submit(body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(id);
        assertThat(structured(call(agent, "submit_proposal", body)).get("id").asText()).isEqualTo(id);

        body.with("reply").put("text", "Something else");
        CallToolResult conflict = call(agent, "submit_proposal", body);
        assertThat(conflict.isError()).isTrue();
        assertThat(text(conflict)).contains("idempotencyKey");
    }

    @Test
    void anEscalatedProposalTellsWhatToSayAndWaitsForThePersonsDecision() throws Exception {
        CallToolResult result = call(agent, "submit_proposal", ApiClient.freshExample("angry-customer"));

        JsonNode doc = structured(result);
        assertThat(doc.get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(doc.at("/reasons/0/code").asText()).isEqualTo("ANGRY_CUSTOMER");
        assertThat(text(result)).contains("ANGRY_CUSTOMER").contains("support-leads")
                .contains("Tell the customer: \"" + doc.get("customerMessage").asText()).contains("get_proposal");
        String id = doc.get("id").asText();

        // nothing changes: the wait ends after waitSeconds, with progress notifications on the way
        Instant start = Instant.now();
        CallToolResult waited = agent.callTool(new CallToolRequest("get_proposal", Map.of("id", id, "waitSeconds", 2),
                Map.of("progressToken", "wait-1")));
        assertThat(Duration.between(start, Instant.now())).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
        assertThat(structured(waited).get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(progress).isNotEmpty().allSatisfy(p -> {
            assertThat(p.progressToken()).isEqualTo("wait-1");
            assertThat(p.total()).isEqualTo(2.0);
            assertThat(p.message()).contains("support-leads").contains("SLA remaining");
        });

        // a person decides while the agent waits: the wait ends with the decision
        CompletableFuture<CallToolResult> waiting = CompletableFuture.supplyAsync(
                () -> agent.callTool(new CallToolRequest("get_proposal", Map.of("id", id, "waitSeconds", 30))));
        Thread.sleep(500);
        start = Instant.now();
        proposals.decide(id, "lena", List.of("support-leads"), Map.of("decision", "EDIT",
                "editedReply", "I am sorry about the double charge, Dana. The refund is on its way."));
        CallToolResult decided = waiting.get(20, TimeUnit.SECONDS);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(structured(decided).get("status").asText()).isEqualTo("EDITED");
        assertThat(text(decided)).contains("send exactly this instead").contains("The refund is on its way.");
        assertThat(rest.proposal(id).json().get("status").asText()).isEqualTo("EDITED");

        JsonNode trail = structured(call(agent, "get_audit_trail", Map.of("id", id)));
        assertThat(trail.get("events")).extracting(e -> e.get("type").asText())
                .startsWith("PROPOSED", "RULES_EVALUATED").contains("EDITED", "DECIDED");
        assertThat(trail).isEqualTo(rest.get("/api/v1/proposals/" + id + "/audit", "Bearer demo-agent-key").json());
    }

    @Test
    void anInformationRequestIsAnsweredThroughTheTool() {
        String id = structured(call(agent, "submit_proposal", ApiClient.freshExample("legal-question"))).get("id").asText();
        CallToolResult tooEarly = call(agent, "answer_information_request", Map.of("id", id, "text", "too early"));
        assertThat(tooEarly.isError()).isTrue();

        proposals.decide(id, "lee", List.of("legal"), Map.of("decision", "REQUEST_INFO",
                "infoRequest", "Which version of the agreement did the customer sign?", "reviewComment", "need it"));
        CallToolResult asked = call(agent, "get_proposal", Map.of("id", id));
        assertThat(text(asked)).contains("AWAITING_INFORMATION").contains("Which version of the agreement")
                .contains("answer_information_request");

        CallToolResult answered = call(agent, "answer_information_request",
                Map.of("id", id, "text", "Version 2024-03, signed in April."));

        assertThat(answered.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(structured(answered).get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(rest.proposal(id).json().get("status").asText()).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void invalidArgumentsAreToolErrorsNamingEachField() {
        ObjectNode body = ApiClient.freshExample("routine-reply");
        body.remove("idempotencyKey");
        body.with("agent").put("confidence", 1.5);
        body.with("conversation").putArray("messages");

        CallToolResult result = call(agent, "submit_proposal", body);

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("idempotencyKey").contains("agent.confidence").contains("conversation.messages");
        assertThat(structured(result).get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("idempotencyKey", "agent.confidence", "conversation.messages");

        CallToolResult noText = call(agent, "answer_information_request", Map.of("text", " "));
        assertThat(noText.isError()).isTrue();
        assertThat(structured(noText).get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("id", "text");
        CallToolResult tooLong = call(agent, "get_proposal", Map.of("id", "x", "waitSeconds", 61));
        assertThat(text(tooLong)).contains("waitSeconds");
    }

    @Test
    void withoutAValidAgentKeyNothingConnects() {
        assertThatThrownBy(() -> client(null).initialize())
                .hasRootCauseInstanceOf(McpHttpClientTransportAuthorizationException.class);
        assertThatThrownBy(() -> client("wrong-key").initialize())
                .hasRootCauseInstanceOf(McpHttpClientTransportAuthorizationException.class);

        var raw = rest.postJson("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", null);
        assertThat(raw.status()).isEqualTo(401);
        assertThat(raw.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("Bearer"));
        // MCP is for agents: a person's Basic credentials are not an agent key
        assertThat(rest.postJson("/mcp", "{}", ApiClient.basic("lena")).status()).isEqualTo(401);
    }

    @Test
    void anotherAgentSeesNothingOfTheProposal() {
        String id = structured(call(agent, "submit_proposal", ApiClient.freshExample("angry-customer"))).get("id").asText();
        McpSyncClient other = client("other-agent-key");
        other.initialize();

        for (String tool : List.of("get_proposal", "get_audit_trail")) {
            CallToolResult result = call(other, tool, Map.of("id", id));
            assertThat(result.isError()).isTrue();
            assertThat(structured(result).get("status").asInt()).isEqualTo(404);
        }
        CallToolResult answer = call(other, "answer_information_request", Map.of("id", id, "text", "hello"));
        assertThat(answer.isError()).isTrue();
        assertThat(text(answer)).doesNotContain("PENDING_REVIEW");
    }

    @Test
    void aWorkflowsPolicyIsAResource() {
        var templates = agent.listResourceTemplates().resourceTemplates();
        assertThat(templates).extracting(McpSchema.ResourceTemplate::uriTemplate).contains("oversight://policies/{workflow}");

        var read = agent.readResource(new McpSchema.ReadResourceRequest("oversight://policies/billing"));

        var contents = (McpSchema.TextResourceContents) read.contents().get(0);
        assertThat(contents.mimeType()).isEqualTo("application/json");
        JsonNode policy = json(contents.text());
        assertThat(policy.get("workflow").asText()).isEqualTo("billing");
        assertThat(policy.get("mode").asText()).isIn("EXCEPTIONS_ONLY", "MANDATORY_REVIEW", "PAUSED");
        assertThat(policy.get("meaning").asText()).isNotBlank();
        assertThatThrownBy(() -> agent.readResource(new McpSchema.ReadResourceRequest("oversight://policies/NOT%20OK")))
                .hasMessageContaining("workflow");
    }

    private McpSyncClient client(String key) {
        var transport = HttpClientStreamableHttpTransport.builder("http://localhost:" + port).endpoint("/mcp")
                .customizeRequest(request -> {
                    if (key != null) {
                        request.header("Authorization", "Bearer " + key);
                    }
                })
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(45))
                .initializationTimeout(Duration.ofSeconds(10)).progressConsumer(progress::add).build();
        clients.add(client);
        return client;
    }

    private static CallToolResult call(McpSyncClient client, String tool, Object arguments) {
        @SuppressWarnings("unchecked")
        Map<String, Object> args = JSON.convertValue(arguments, Map.class);
        return client.callTool(new CallToolRequest(tool, args));
    }

    private static JsonNode schema(List<McpSchema.Tool> tools, String name) {
        return JSON.valueToTree(tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().inputSchema());
    }

    private static JsonNode structured(CallToolResult result) {
        return JSON.valueToTree(result.structuredContent());
    }

    private static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
