package io.oversight.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON an approval hash is computed over, so that an action system in any language can
 * recompute it (CONTRACT §5): object keys sorted by their UTF-16 code units at every depth, arrays in
 * order, no whitespace, strings as JSON strings, numbers in plain decimal notation without trailing
 * zeros ({@code 180.00} → {@code 180}, {@code 1E+3} → {@code 1000}), {@code true}, {@code false},
 * {@code null}.
 */
final class CanonicalForm {

    private CanonicalForm() {}

    static String of(ObjectMapper mapper, JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(mapper, node, out);
        return out.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(ObjectMapper mapper, JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue()));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
                out.append(first ? "" : ",").append(string(mapper, field.getKey())).append(':');
                write(mapper, field.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(mapper, node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            String plain = node.decimalValue().stripTrailingZeros().toPlainString();
            out.append(plain.equals("-0") ? "0" : plain);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else {
            out.append(string(mapper, node.asText()));
        }
    }

    private static String string(ObjectMapper mapper, String text) {
        try {
            return mapper.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
