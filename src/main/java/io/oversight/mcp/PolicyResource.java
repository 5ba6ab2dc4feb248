package io.oversight.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.oversight.policy.Policies;
import io.oversight.policy.Policy;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code oversight://policies/{workflow}}: a workflow's policy, so an agent knows in advance what will wait for a person. */
@Component
class PolicyResource {

    static final String PREFIX = "oversight://policies/";
    private static final Pattern WORKFLOW = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

    private final Policies policies;
    private final ObjectMapper mapper;

    PolicyResource(Policies policies, ObjectMapper mapper) {
        this.policies = policies;
        this.mapper = mapper;
    }

    AsyncResourceTemplateSpecification template() {
        var template = McpSchema.ResourceTemplate.builder()
                .uriTemplate(PREFIX + "{workflow}")
                .name("policy")
                .title("A workflow's oversight policy")
                .description("The owners' controls for a workflow (billing, orders, … or default): EXCEPTIONS_ONLY (the "
                        + "rules decide), MANDATORY_REVIEW (every proposal goes to a person) or PAUSED (everything waits "
                        + "for a person), and the share of automatic approvals sampled for QA.")
                .mimeType("application/json")
                .build();
        return new AsyncResourceTemplateSpecification(template, (exchange, request) -> Mono.fromCallable(() -> read(request.uri())));
    }

    private McpSchema.ReadResourceResult read(String uri) throws JsonProcessingException {
        String workflow = uri.startsWith(PREFIX) ? uri.substring(PREFIX.length()) : "";
        if (!WORKFLOW.matcher(workflow).matches()) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("workflow must be a lower-case name of up to 100 characters: " + uri).build();
        }
        Policy policy = policies.effective(workflow);
        ObjectNode json = mapper.valueToTree(policy);
        json.put("meaning", meaning(policy));
        return new McpSchema.ReadResourceResult(List.of(
                new McpSchema.TextResourceContents(uri, "application/json", mapper.writeValueAsString(json))));
    }

    private static String meaning(Policy policy) {
        return switch (policy.mode()) {
            case EXCEPTIONS_ONLY -> "The escalation rules decide: routine proposals are approved at once; risky ones "
                    + "(angry or VIP customers, low confidence, sensitive topics, money movements, irreversible or "
                    + "restricted actions) wait for a person.";
            case MANDATORY_REVIEW -> "Every proposal waits for a person before anything is sent or done.";
            case PAUSED -> "Automation is paused: every proposal waits for a person (reason AUTOMATION_PAUSED).";
        };
    }
}
