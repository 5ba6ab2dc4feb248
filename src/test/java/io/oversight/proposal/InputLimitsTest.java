package io.oversight.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every string field of a proposal has a documented maximum (issue 9, item 11): one character more
 * is a 400 naming the field, never a 500, and nothing is created; the maximum itself is accepted.
 */
@OversightTest
class InputLimitsTest {

    @LocalServerPort int port;
    ApiClient api;

    record Limit(String example, String field, int max, BiConsumer<ObjectNode, String> set) {}

    static final List<Limit> LIMITS = List.of(
            new Limit("routine-reply", "idempotencyKey", 200, (b, v) -> b.put("idempotencyKey", v)),
            new Limit("routine-reply", "workflow", 100, (b, v) -> b.put("workflow", v)),
            new Limit("routine-reply", "channel", 50, (b, v) -> b.put("channel", v)),
            new Limit("routine-reply", "conversation.id", 200, (b, v) -> obj(b, "conversation").put("id", v)),
            new Limit("routine-reply", "conversation.messages[0].role", 50, (b, v) -> message(b).put("role", v)),
            new Limit("routine-reply", "conversation.messages[0].text", 20000, (b, v) -> message(b).put("text", v)),
            new Limit("routine-reply", "conversation.messages[0].at", 50, (b, v) -> message(b).put("at", v)),
            new Limit("routine-reply", "customer.id", 200, (b, v) -> obj(b, "customer").put("id", v)),
            new Limit("routine-reply", "customer.name", 100, (b, v) -> obj(b, "customer").put("name", v)),
            new Limit("routine-reply", "customer.segment", 50, (b, v) -> obj(b, "customer").put("segment", v)),
            new Limit("routine-reply", "sources[0].title", 300, (b, v) -> source(b).put("title", v)),
            new Limit("routine-reply", "sources[0].url", 2000, (b, v) -> source(b).put("url", "https://x.example/" + v.substring(18))),
            new Limit("routine-reply", "sources[0].excerpt", 5000, (b, v) -> source(b).put("excerpt", v)),
            new Limit("routine-reply", "attemptedSteps[0]", 1000, (b, v) -> b.putArray("attemptedSteps").add(v)),
            new Limit("routine-reply", "reply.text", 20000, (b, v) -> obj(b, "reply").put("text", v)),
            new Limit("routine-reply", "agent.id", 100, (b, v) -> obj(b, "agent").put("id", v)),
            new Limit("routine-reply", "callbackUrl", 2000, (b, v) -> b.put("callbackUrl", "https://x.example/" + v.substring(18))),
            new Limit("refund-approval", "action.kind", 50, (b, v) -> obj(b, "action").put("kind", v.toUpperCase())),
            new Limit("refund-approval", "action.summary", 1000, (b, v) -> obj(b, "action").put("summary", v)));

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void oneCharacterOverAnyLimitIsA400NamingTheField() {
        for (Limit limit : LIMITS) {
            ObjectNode body = ApiClient.freshExample(limit.example());
            limit.set().accept(body, "a".repeat(limit.max() + 1));
            var response = api.submit(body);
            assertThat(response.status()).as("%s over %d: %s", limit.field(), limit.max(), response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(fields(response.json())).as(limit.field()).contains(limit.field());
        }
    }

    @Test
    void theMaximumItselfIsAccepted() {
        for (Limit limit : LIMITS) {
            if (limit.field().equals("idempotencyKey") || limit.field().equals("callbackUrl")) {
                continue; // the key must stay unique per test; callbacks are the webhook tests' business
            }
            ObjectNode body = ApiClient.freshExample(limit.example());
            limit.set().accept(body, "a".repeat(limit.max()));
            var response = api.submit(body);
            assertThat(response.status()).as("%s at %d: %s", limit.field(), limit.max(), response.body()).isEqualTo(201);
        }
    }

    @Test
    void theIssuesExamplesAnswer400NotAServerError() {
        ObjectNode longName = ApiClient.freshExample("refund-approval");
        obj(longName, "customer").put("name", "N".repeat(600));
        var name = api.submit(longName);
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.json().get("errors").get(0).get("field").asText()).isEqualTo("customer.name");

        ObjectNode longKind = ApiClient.freshExample("refund-approval");
        obj(longKind, "action").put("kind", "K".repeat(300));
        var kind = api.submit(longKind);
        assertThat(kind.status()).isEqualTo(400);
        assertThat(kind.json().get("errors").get(0).get("field").asText()).isEqualTo("action.kind");
    }

    @Test
    void mapsAndFreeJsonAreBounded() {
        ObjectNode attributes = ApiClient.freshExample("routine-reply");
        obj(obj(attributes, "customer"), "attributes").put("notes", "x".repeat(3000));
        assertThat(fields(api.submit(attributes).json())).contains("customer.attributes[notes]");

        ObjectNode manyAttributes = ApiClient.freshExample("routine-reply");
        ObjectNode map = obj(obj(manyAttributes, "customer"), "attributes");
        for (int i = 0; i < 51; i++) {
            map.put("k" + i, i);
        }
        assertThat(fields(api.submit(manyAttributes).json())).contains("customer.attributes");

        ObjectNode parameters = ApiClient.freshExample("refund-approval");
        obj(parameters, "action").putObject("parameters").put("note", "x".repeat(2100));
        assertThat(fields(api.submit(parameters).json())).contains("action.parameters");

        ObjectNode signals = ApiClient.freshExample("routine-reply");
        signals.putObject("signals").put("s".repeat(51), 0.1);
        var response = api.submit(signals);
        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response.json())).anyMatch(f -> f.startsWith("signals"));

        ObjectNode amount = ApiClient.freshExample("refund-approval");
        obj(amount, "action").put("amount", new java.math.BigDecimal("1e40"));
        assertThat(fields(api.submit(amount).json())).contains("action.amount");
    }

    private static List<String> fields(JsonNode problem) {
        JsonNode errors = problem.get("errors");
        return errors == null ? List.of() : errors.findValuesAsText("field");
    }

    private static ObjectNode obj(ObjectNode body, String field) {
        return body.get(field) instanceof ObjectNode existing ? existing : body.putObject(field);
    }

    private static ObjectNode message(ObjectNode body) {
        return (ObjectNode) obj(body, "conversation").get("messages").get(0);
    }

    private static ObjectNode source(ObjectNode body) {
        ArrayNode sources = body.get("sources") instanceof ArrayNode a ? a : body.putArray("sources");
        if (sources.isEmpty()) {
            sources.addObject().put("title", "t");
        }
        return (ObjectNode) sources.get(0);
    }
}
