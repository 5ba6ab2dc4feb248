package io.oversight.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of a {@code GET /api/v1/metrics} answer by the data-metric names the Cockpit plugin
 * gives them: top-level and nested fields by path ("approvalTimeSeconds.p50"), queues and
 * reviewers by name ("queues.legal.open", "reviewerLoad.lena.decided"), groups by name.
 */
public final class MetricPaths {

    private MetricPaths() {}

    public static Map<String, JsonNode> of(JsonNode metrics) {
        Map<String, JsonNode> paths = new LinkedHashMap<>();
        metrics.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "queues" -> value.forEach(q -> q.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("queue")) {
                        paths.put("queues." + q.path("queue").asText() + "." + f.getKey(), f.getValue());
                    }
                }));
                case "reviewerLoad" -> value.forEach(r -> r.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("reviewer")) {
                        paths.put("reviewerLoad." + r.path("reviewer").asText() + "." + f.getKey(), f.getValue());
                    }
                }));
                default -> {
                    if (value.isObject()) {
                        value.fields().forEachRemaining(f -> paths.put(name + "." + f.getKey(), f.getValue()));
                    } else {
                        paths.put(name, value);
                    }
                }
            }
        });
        return paths;
    }
}
