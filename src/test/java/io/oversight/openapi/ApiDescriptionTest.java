package io.oversight.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The served OpenAPI description against the running endpoints: every {@code /api/v1} endpoint is
 * documented, the document is valid OpenAPI, the contract's and the demo's examples validate against
 * the served request schema, and every limit the schema documents is the limit the endpoint enforces.
 */
@OversightTest
class ApiDescriptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The shared folder beside the repository (CI), or beside the worktrees (development). */
    private static final Path SHARED = Stream.of(Path.of("..", "shared"), Path.of("..", "..", "shared"))
            .filter(Files::isDirectory).findFirst().orElse(Path.of("..", "shared"));

    @LocalServerPort int port;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    ApiClient api;
    JsonNode description;

    @BeforeEach
    void fetch() {
        api = new ApiClient("http://localhost:" + port);
        var served = api.get("/v3/api-docs", null);
        assertThat(served.status()).isEqualTo(200);
        description = served.json();
    }

    @Test
    void theDescriptionIsPublicAndNothingElseBecameSo() {
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs.yaml", null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/metrics", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/proposals/any", null).status()).isEqualTo(401);
        assertThat(api.postJson("/mcp", "{}", null).status()).isEqualTo(401);
    }

    @Test
    void everyApiEndpointIsDocumentedWithItsCallersAndProblems() {
        List<String> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/v1"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(m.name() + " " + p))));
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(10);

        for (String endpoint : endpoints) {
            String[] parts = endpoint.split(" ");
            JsonNode operation = description.path("paths").path(parts[1]).path(parts[0].toLowerCase());
            assertThat(operation.isObject()).as("%s is in /v3/api-docs", endpoint).isTrue();
            assertThat(operation.path("summary").asText()).as("%s has a summary", endpoint).isNotBlank();
            assertThat(operation.path("security")).as("%s says who may call it", endpoint).isNotEmpty();
            assertThat(operation.at("/responses/401/content/application~1problem+json/schema/$ref").asText())
                    .as("%s documents its 401 problem", endpoint).isEqualTo("#/components/schemas/Problem");
        }
        assertThat(description.at("/components/securitySchemes/agentKey/scheme").asText()).isEqualTo("bearer");
        assertThat(description.at("/components/securitySchemes/personBasic/scheme").asText()).isEqualTo("basic");
        assertThat(description.at("/paths/~1api~1v1~1proposals/post/security/0").has("agentKey")).isTrue();
        assertThat(description.at("/paths/~1api~1v1~1proposals/post/responses/201/content/application~1json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/ProposalDocument");
        JsonNode wait = description.at("/paths/~1api~1v1~1proposals~1{id}/get/parameters");
        assertThat(wait.findValuesAsText("name")).contains("waitSeconds");
        assertThat(description.at("/components/schemas/Problem/properties/errors/items/$ref").asText())
                .isEqualTo("#/components/schemas/FieldError");
    }

    @Test
    void aMaintainedParserFindsTheDocumentValid() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        var result = new OpenAPIV3Parser().readContents(description.toString(), null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).containsKey("/api/v1/proposals");
    }

    @Test
    void theContractsAndTheDemosExamplesValidateAgainstTheServedSchema() throws IOException {
        Schema schema = requestSchema();
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        description.at("/paths/~1api~1v1~1proposals/post/requestBody/content/application~1json/examples")
                .fields().forEachRemaining(e -> examples.put("served " + e.getKey(), e.getValue().get("value")));
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:demo/examples/*.json")) {
            examples.put("demo " + resource.getFilename(), JSON.readTree(resource.getInputStream()));
        }
        sharedExamples(examples::put);

        assertThat(examples.keySet()).anyMatch(k -> k.contains("contract-proposal"))
                .filteredOn(k -> k.startsWith("demo ")).hasSizeGreaterThanOrEqualTo(7);
        examples.forEach((name, example) ->
                assertThat(schema.validate(example)).as("%s against the served schema", name).isEmpty());

        // and the endpoint accepts what the schema accepts (no callback: tests reach nothing outside)
        Map<JsonNode, String> distinct = new LinkedHashMap<>();
        examples.forEach((name, example) -> distinct.putIfAbsent(example, name));
        distinct.forEach((example, name) -> {
            ObjectNode body = fresh(example);
            body.remove("callbackUrl");
            assertThat(api.submit(body).status()).as("%s is accepted", name).isEqualTo(201);
        });
    }

    @Test
    void everyLimitTheSchemaDocumentsIsTheLimitTheEndpointEnforces() {
        Schema schema = requestSchema();
        List<Mutation> mutations = new ArrayList<>();
        for (String example : List.of("routine-reply", "refund-approval")) {
            ObjectNode body = ApiClient.example(example);
            collect(example, body, description.at("/components/schemas/ProposalRequest"), "", mutations);
        }
        assertThat(mutations).extracting(Mutation::field)
                .contains("idempotencyKey", "conversation", "agent.id", "agent.confidence", "action.currency");

        for (Mutation mutation : mutations) {
            ObjectNode body = fresh(ApiClient.example(mutation.example()));
            mutation.change().accept(body);

            assertThat(schema.validate(body)).as("the schema refuses %s", mutation).isNotEmpty();
            var answer = api.submit(body);
            assertThat(answer.status()).as("the endpoint refuses %s", mutation).isEqualTo(400);
            assertThat(answer.json().get("errors").findValuesAsText("field")).as("%s is named", mutation)
                    .contains(mutation.field());
        }
    }

    @Test
    void realAnswersValidateAgainstTheServedResponseSchemas() {
        Schema document = schema("#/components/schemas/ProposalDocument");
        Schema trail = schema(description.at("/paths/~1api~1v1~1proposals~1{id}~1audit/get/responses/200/content/"
                + "application~1json/schema/$ref").asText());
        Schema problem = schema("#/components/schemas/Problem");

        for (String example : List.of("routine-reply", "angry-customer", "refund-approval")) {
            var created = api.submit(ApiClient.freshExample(example));
            assertThat(document.validate(created.json())).as("%s answer", example).isEmpty();
            String id = created.json().get("id").asText();
            var events = api.get("/api/v1/proposals/" + id + "/audit", "Bearer " + ApiClient.DEMO_AGENT_KEY);
            assertThat(trail.validate(events.json())).as("%s trail", example).isEmpty();
        }
        ObjectNode invalid = ApiClient.freshExample("routine-reply");
        invalid.remove("agent");
        assertThat(problem.validate(api.submit(invalid).json())).isEmpty();
        assertThat(problem.validate(api.get("/api/v1/metrics", null).json())).isEmpty();
        assertThat(problem.validate(api.proposal("no-such-proposal").json())).isEmpty();
        // the schemas do refuse what the endpoints never answer
        assertThat(document.validate(JSON.createObjectNode().put("status", "MAYBE"))).isNotEmpty();
    }

    record Mutation(String example, String field, String what, Consumer<ObjectNode> change) {
        @Override
        public String toString() {
            return field + " " + what + " (" + example + ")";
        }
    }

    /** Every documented limit on a field the example has: required, string length, numeric range. */
    private void collect(String name, JsonNode example, JsonNode schema, String prefix, List<Mutation> out) {
        JsonNode resolved = resolve(schema);
        resolved.path("required").forEach(required -> {
            String field = join(prefix, required.asText());
            out.add(new Mutation(name, field, "missing", body -> parent(body, field).remove(leaf(field))));
        });
        resolved.path("properties").fields().forEachRemaining(property -> {
            String field = join(prefix, property.getKey());
            JsonNode value = example.get(property.getKey());
            JsonNode fieldSchema = resolve(property.getValue());
            if (value == null) {
                return;
            }
            if (fieldSchema.has("maxLength")) {
                String tooLong = "x".repeat(fieldSchema.get("maxLength").asInt() + 1);
                out.add(new Mutation(name, field, "over maxLength", body -> parent(body, field).put(leaf(field), tooLong)));
            }
            if (fieldSchema.path("minLength").asInt() > 0) {
                out.add(new Mutation(name, field, "under minLength", body -> parent(body, field).put(leaf(field), "")));
            }
            if (fieldSchema.has("maximum")) {
                double over = fieldSchema.get("maximum").asDouble() + 0.5;
                out.add(new Mutation(name, field, "over maximum", body -> parent(body, field).put(leaf(field), over)));
            }
            if (fieldSchema.has("minimum")) {
                double under = fieldSchema.get("minimum").asDouble() - 0.5;
                out.add(new Mutation(name, field, "under minimum", body -> parent(body, field).put(leaf(field), under)));
            }
            if (value.isObject() && fieldSchema.has("properties")) {
                collect(name, value, fieldSchema, field, out);
            }
            if (value.isArray() && !value.isEmpty() && fieldSchema.has("items") && value.get(0).isObject()) {
                collect(name, value.get(0), fieldSchema.get("items"), field + "[0]", out);
            }
        });
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.isEmpty() ? schema : description.at(ref.substring(1));
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static String leaf(String field) {
        return field.substring(field.lastIndexOf('.') + 1);
    }

    /** The object holding a dotted field such as {@code conversation.messages[0].text}. */
    private static ObjectNode parent(ObjectNode body, String field) {
        JsonNode node = body;
        int end = field.lastIndexOf('.');
        if (end < 0) {
            return body;
        }
        for (String step : field.substring(0, end).split("\\.")) {
            Matcher indexed = Pattern.compile("(\\w+)\\[(\\d+)]").matcher(step);
            node = indexed.matches() ? node.get(indexed.group(1)).get(Integer.parseInt(indexed.group(2))) : node.get(step);
        }
        return (ObjectNode) node;
    }

    private static ObjectNode fresh(JsonNode example) {
        ObjectNode body = example.deepCopy();
        if (!body.path("idempotencyKey").asText().isEmpty()) {
            body.put("idempotencyKey", "openapi/" + UUID.randomUUID());
        }
        return body;
    }

    /** The served request schema of POST /api/v1/proposals, with the served components to resolve its refs. */
    private Schema requestSchema() {
        return schema(description.at("/paths/~1api~1v1~1proposals/post/requestBody/content/application~1json/schema/$ref")
                .asText());
    }

    private Schema schema(String ref) {
        assertThat(ref).startsWith("#/components/schemas/");
        ObjectNode document = JSON.createObjectNode();
        document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        document.put("$ref", ref);
        document.putObject("components").set("schemas", description.at("/components/schemas"));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(document);
    }

    /** The shared examples and the contract's JSON request example, when the shared folder is beside the repository. */
    private static void sharedExamples(java.util.function.BiConsumer<String, JsonNode> into) throws IOException {
        if (Files.isDirectory(SHARED.resolve("examples"))) {
            try (Stream<Path> files = Files.list(SHARED.resolve("examples"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    into.accept("shared " + file.getFileName(), JSON.readTree(file.toFile()));
                }
            }
        }
        Path contract = SHARED.resolve("CONTRACT.md");
        if (Files.isRegularFile(contract)) {
            Matcher blocks = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(contract));
            while (blocks.find()) {
                JsonNode block = JSON.readTree(blocks.group(1));
                if (block.has("idempotencyKey") && block.has("conversation")) {
                    into.accept("CONTRACT.md §3 request", block);
                }
            }
        }
    }
}
