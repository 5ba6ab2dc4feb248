package io.oversight.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Event details as canonical JSON: object keys sorted (Java string order) at every depth, arrays
 * kept in order, no whitespace. The ledger stores and hashes exactly this text, so the same details
 * always give the same bytes, whatever map type or key order the caller used. A value Jackson cannot
 * serialise is kept as its text rather than failing the change being audited; Camunda Spin JSON
 * (a {@code Json} process variable) is kept as the JSON it holds.
 */
final class CanonicalJson {

    private CanonicalJson() {}

    static String write(ObjectMapper mapper, Map<String, Object> details) {
        ObjectNode tree = mapper.createObjectNode();
        if (details != null) {
            details.forEach((key, value) -> tree.set(key, node(mapper, value)));
        }
        try {
            return mapper.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sorted(mapper, tree));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details are not JSON-serialisable", e);
        }
    }

    private static JsonNode node(ObjectMapper mapper, Object value) {
        try {
            if (value instanceof SpinJsonNode spin) {
                return mapper.readTree(spin.toString());
            }
            return mapper.valueToTree(value);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return TextNode.valueOf(String.valueOf(value));
        }
    }

    private static JsonNode sorted(ObjectMapper mapper, JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(f -> fields.put(f.getKey(), sorted(mapper, f.getValue())));
            ObjectNode result = mapper.createObjectNode();
            fields.forEach(result::set);
            return result;
        }
        if (node.isArray()) {
            ArrayNode result = mapper.createArrayNode();
            node.forEach(element -> result.add(sorted(mapper, element)));
            return result;
        }
        return node;
    }
}
