package io.oversight.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpStatus;

/**
 * The OpenAPI description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): the
 * schemas come from the request and response types themselves, so their limits (bean validation)
 * flow into the description; {@link Operations} adds summaries, callers, error statuses and the
 * contract's examples.
 */
@Configuration
class ApiDescription {

    static final String AGENT_KEY = "agentKey";
    static final String PERSON = "personBasic";
    static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper mapper;

    ApiDescription(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Bean
    OpenAPI oversightOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Oversight API").version("v1").description(
                        "Human-in-the-loop control for AI support agents: every customer-facing reply or action is a "
                                + "proposal; routine work is approved at once, the rest waits for a person. Agents "
                                + "authenticate with `Authorization: Bearer <agent key>`, people with HTTP Basic. "
                                + "The same tools are an MCP server at `/mcp` (Streamable HTTP)."))
                .components(new Components()
                        .addSecuritySchemes(AGENT_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("An AI agent's API key"))
                        .addSecuritySchemes(PERSON, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("A person: a Camunda user and password")));
    }

    @Bean
    OpenApiCustomizer describeOperations() {
        Map<String, Example> examples = examples();
        return openApi -> {
            Components components = openApi.getComponents();
            boolean openApi31 = openApi.getOpenapi() != null && openApi.getOpenapi().startsWith("3.1");
            ModelConverters.getInstance(openApi31)
                    .readAll(new AnnotatedType(ApiProblem.class)).forEach(components::addSchemas);
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                Operations.Doc doc = Operations.ALL.get(method + " " + path);
                if (doc != null) {
                    describe(path, operation, doc, examples);
                }
            }));
            components.getSchemas().remove("StreamingResponseBody");
            // what the answers really hold: null where nothing is pending or decided yet
            nullable(components, "ProposalDocument", "review", "customerMessage", "outcome");
            nullable(components, "Review", "dueAt", "assignee");
            nullable(components, "Reason", "detail");
            nullable(components, "Problem", "detail", "instance", "errors");
        };
    }

    private void describe(String path, Operation operation, Operations.Doc doc, Map<String, Example> examples) {
        operation.summary(doc.summary()).description(doc.description()).security(security(doc.caller()))
                .tags(List.of(doc.caller() == Operations.Caller.PERSON ? "Owners" : "Proposals"));
        if (operation.getRequestBody() != null && !doc.requestExamples().isEmpty()) {
            MediaType body = operation.getRequestBody().getContent().get("application/json");
            doc.requestExamples().forEach(name -> named(name, examples).forEach(body::addExamples));
        }
        ApiResponses responses = operation.getResponses();
        ApiResponse ok = responses.get("200");
        if (ok != null && ok.getContent() != null && ok.getContent().containsKey("*/*")) {
            MediaType media = ok.getContent().remove("*/*");
            boolean lines = path.endsWith("/export") || path.endsWith("/feedback/examples");
            if (lines) {
                media.schema(new Schema<>().type("string").description(path.endsWith("/export")
                        ? "One ledger entry as JSON per line" : "One labelled example as JSON per line"));
            }
            ok.getContent().addMediaType(lines ? "application/x-ndjson" : "application/json", media);
        }
        if (ok != null && doc.responseExample() != null && ok.getContent() != null) {
            ok.getContent().values().forEach(media -> media.addExamples(doc.responseExample(), examples.get(doc.responseExample())));
        }
        if (doc.created() && ok != null) {
            ok.description("The same idempotency key and body again: the proposal it created, nothing started");
            responses.addApiResponse("201", new ApiResponse().description("Created; `Location` names the new proposal")
                    .content(ok.getContent()));
        }
        for (int status : doc.errors()) {
            responses.addApiResponse(String.valueOf(status), problem(status, status == 400 ? examples : Map.of()));
        }
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(ApiDescription::describeParameter);
        }
    }

    private static void nullable(Components components, String schema, String... fields) {
        Schema<?> owner = components.getSchemas().get(schema);
        if (owner == null || owner.getProperties() == null) {
            return;
        }
        for (String field : fields) {
            Schema<?> property = owner.getProperties().get(field);
            if (property == null) {
                continue;
            }
            if (property.get$ref() != null) {
                owner.getProperties().put(field, new Schema<>().anyOf(List.of(property, new Schema<>().types(Set.of("null")))));
            } else {
                Set<String> types = new LinkedHashSet<>();
                if (property.getTypes() != null) {
                    types.addAll(property.getTypes());
                } else if (property.getType() != null) {
                    types.add(property.getType());
                }
                types.add("null");
                property.type(null);
                property.types(types);
            }
        }
    }

    private static void describeParameter(Parameter parameter) {
        switch (parameter.getName()) {
            case "waitSeconds" -> {
                parameter.description("Long poll: hold up to this many seconds until the status changes (0–60)");
                parameter.getSchema().minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(60));
            }
            case "from" -> parameter.description("Start of the window, an ISO-8601 instant (inclusive)");
            case "to" -> parameter.description("End of the window, an ISO-8601 instant (exclusive)");
            case "id" -> parameter.description("The proposal id");
            case "workflow" -> parameter.description("A workflow name such as `billing`, or `default`");
            default -> { }
        }
    }

    private static List<SecurityRequirement> security(Operations.Caller caller) {
        List<SecurityRequirement> requirements = new ArrayList<>();
        if (caller != Operations.Caller.PERSON) {
            requirements.add(new SecurityRequirement().addList(AGENT_KEY));
        }
        if (caller != Operations.Caller.AGENT) {
            requirements.add(new SecurityRequirement().addList(PERSON));
        }
        return requirements;
    }

    private static ApiResponse problem(int status, Map<String, Example> examples) {
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"));
        if (examples.containsKey("validation-problem")) {
            media.addExamples("validation-problem", examples.get("validation-problem"));
        }
        return new ApiResponse().description(HttpStatus.valueOf(status).getReasonPhrase())
                .content(new Content().addMediaType(PROBLEM_JSON, media));
    }

    private static Map<String, Example> named(String name, Map<String, Example> examples) {
        if (!name.equals("demo:*")) {
            return Map.of(name, examples.get(name));
        }
        Map<String, Example> demo = new LinkedHashMap<>();
        examples.forEach((key, example) -> {
            if (key.startsWith("demo-")) {
                demo.put(key, example);
            }
        });
        return demo;
    }

    /** The contract's examples, and every demo proposal as {@code demo-<name>}. */
    private Map<String, Example> examples() {
        Map<String, Example> examples = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/openapi/examples.json")) {
            mapper.readTree(in).fields().forEachRemaining(e -> examples.put(e.getKey(), new Example()
                    .summary(e.getValue().path("summary").asText()).value(e.getValue().get("value"))));
            Resource[] demo = new PathMatchingResourcePatternResolver().getResources("classpath*:demo/examples/*.json");
            for (Resource resource : demo) {
                String name = resource.getFilename().replace(".json", "");
                try (InputStream example = resource.getInputStream()) {
                    JsonNode value = mapper.readTree(example);
                    examples.put("demo-" + name, new Example().summary("Demo: " + name).value(value));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The API description's examples cannot be read", e);
        }
        return examples;
    }
}
