package io.oversight.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.oversight.audit.ProposalTrails;
import io.oversight.proposal.InformationAnswer;
import io.oversight.proposal.ProposalDocument;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalRequestReader;
import io.oversight.proposal.ProposalService;
import io.oversight.proposal.ProposalWatch;
import io.oversight.security.Caller;
import io.oversight.web.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The agent API as MCP tools. Each tool calls the same services as the REST endpoint it mirrors,
 * with the caller the Bearer key authenticated, so idempotency, authorization and limits are the
 * REST ones; failures are tool errors ({@link ToolErrors}).
 */
@Component
class OversightTools {

    private final ProposalService proposals;
    private final ProposalRequestReader reader;
    private final ProposalWatch watch;
    private final ProposalTrails trails;
    private final ObjectMapper mapper;
    private final McpJsonMapper mcpJson;
    private final ToolErrors errors;
    private final ProgressTicker progress;

    OversightTools(ProposalService proposals, ProposalRequestReader reader, ProposalWatch watch, ProposalTrails trails,
            ObjectMapper mapper, McpJsonMapper mcpJson, ToolErrors errors, ProgressTicker progress) {
        this.proposals = proposals;
        this.reader = reader;
        this.watch = watch;
        this.trails = trails;
        this.mapper = mapper;
        this.mcpJson = mcpJson;
        this.errors = errors;
        this.progress = progress;
    }

    List<AsyncToolSpecification> all() {
        return List.of(submitProposal(), getProposal(), answerInformationRequest(), getAuditTrail());
    }

    private AsyncToolSpecification submitProposal() {
        return tool("submit_proposal", "Submit a proposal",
                "Submit a customer-facing reply (type REPLY, with reply.text) or action (type ACTION, with action) for "
                        + "oversight before sending or doing it. Routine work is APPROVED in the answer; escalated work is "
                        + "PENDING_REVIEW with reasons and a customerMessage to show the customer. Reuse the idempotencyKey "
                        + "to retry safely.",
                ToolSchemas.of(ProposalRequest.class), false, (caller, args, exchange, request) -> {
                    ProposalRequest proposal = reader.read(args);
                    return Mono.just(document(proposals.submit(caller.id(), proposal, args).document()));
                });
    }

    private AsyncToolSpecification getProposal() {
        return tool("get_proposal", "Read or wait for a proposal",
                "The proposal's current document. With waitSeconds (0-60) waits until its status changes or the time "
                        + "runs out; with a progressToken, progress notifications tell the SLA remaining meanwhile.",
                ToolSchemas.of(ToolArguments.ProposalWait.class), true, (caller, args, exchange, request) -> {
                    ToolArguments.ProposalWait wait = reader.readValid(args, ToolArguments.ProposalWait.class);
                    ProposalDocument current = visible(wait.id(), caller);
                    int seconds = wait.waitSeconds() == null ? 0 : wait.waitSeconds();
                    if (seconds == 0) {
                        return Mono.just(document(current));
                    }
                    CompletableFuture<ProposalDocument> change = watch.nextChange(current);
                    Disposable ticker = progress.start(exchange, request, current, seconds);
                    return Mono.fromFuture(change)
                            .timeout(Duration.ofSeconds(seconds), Mono.fromCallable(() -> visible(wait.id(), caller)))
                            .doFinally(signal -> ticker.dispose())
                            .map(this::document);
                });
    }

    private AsyncToolSpecification answerInformationRequest() {
        ObjectNode schema = ToolSchemas.of(InformationAnswer.class);
        ObjectNode ref = ToolSchemas.of(ToolArguments.ProposalRef.class);
        ((ObjectNode) schema.withObject("/properties")).set("id", ref.path("properties").path("id"));
        schema.withArray("/required").insert(0, "id");
        return tool("answer_information_request", "Answer a reviewer's question",
                "When a proposal is AWAITING_INFORMATION, answer the reviewer's question (outcome.infoRequest); the "
                        + "proposal goes back to its queue with the answer.",
                schema, false, (caller, args, exchange, request) -> {
                    // validate both parts before failing, so the error names every wrong field
                    ToolErrors.allValid(() -> reader.readValid(idOnly(args), ToolArguments.ProposalRef.class),
                            () -> reader.readInformation(withoutId(args)));
                    String id = args.get("id").asText();
                    String text = reader.readInformation(withoutId(args)).text();
                    return Mono.just(document(proposals.provideInformation(id, caller, text)));
                });
    }

    private AsyncToolSpecification getAuditTrail() {
        return tool("get_audit_trail", "A proposal's audit trail",
                "Every step of one of your proposals, oldest first: proposed, rules evaluated, queued, claimed, "
                        + "edited, decided, executed.",
                ToolSchemas.of(ToolArguments.ProposalRef.class), true, (caller, args, exchange, request) -> {
                    ToolArguments.ProposalRef ref = reader.readValid(args, ToolArguments.ProposalRef.class);
                    ProposalTrails.Trail trail = trails.of(caller, ref.id());
                    return Mono.just(CallToolResult.builder()
                            .structuredContent(mapper.convertValue(trail, Map.class))
                            .addTextContent("The audit trail of proposal " + ref.id() + " has " + trail.events().size()
                                    + " events, oldest first; the last is " + (trail.events().isEmpty() ? "none"
                                    : trail.events().get(trail.events().size() - 1).type()) + ".")
                            .build());
                });
    }

    /** How a tool body is called: the authenticated caller and its arguments as JSON. */
    @FunctionalInterface
    interface Body {
        Mono<CallToolResult> call(Caller caller, JsonNode args, McpAsyncServerExchange exchange, CallToolRequest request);
    }

    private AsyncToolSpecification tool(String name, String title, String description, ObjectNode inputSchema,
            boolean readOnly, Body body) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).title(title).description(description)
                .inputSchema(mcpJson, inputSchema.toString())
                .annotations(new McpSchema.ToolAnnotations(title, readOnly, false, true, false, null))
                .build();
        return AsyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            Caller caller = (Caller) exchange.transportContext().get(McpTransport.CALLER);
            if (caller == null) {
                return Mono.just(errors.unauthorized());
            }
            JsonNode args = mapper.valueToTree(request.arguments() == null ? Map.of() : request.arguments());
            return Mono.defer(() -> body.call(caller, args, exchange, request)).onErrorResume(e -> Mono.just(errors.of(e)));
        }).build();
    }

    private ProposalDocument visible(String id, Caller caller) {
        return proposals.find(id, caller).orElseThrow(() -> new NotFoundException("No proposal " + id));
    }

    private CallToolResult document(ProposalDocument document) {
        return CallToolResult.builder()
                .structuredContent(mapper.convertValue(document, Map.class))
                .addTextContent(ProposalSummary.of(document))
                .build();
    }

    private JsonNode idOnly(JsonNode args) {
        ObjectNode id = mapper.createObjectNode();
        if (args.has("id")) {
            id.set("id", args.get("id"));
        }
        return id;
    }

    private JsonNode withoutId(JsonNode args) {
        ObjectNode rest = args.deepCopy();
        rest.remove("id");
        return rest;
    }
}
