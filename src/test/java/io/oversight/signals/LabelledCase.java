package io.oversight.signals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One line of {@code signals/labelled-messages.jsonl}. */
record LabelledCase(int line, String text, Set<String> labels, String type, String reply, Boolean hasSources) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private record Json(String text, List<String> labels, String type, String reply, Boolean hasSources) {
    }

    SignalInput toInput() {
        return new SignalInput(type == null ? "REPLY" : type,
                List.of(new SignalInput.Message("customer", text)),
                reply,
                hasSources == null || hasSources,
                Map.of());
    }

    static List<LabelledCase> load(String resource) {
        InputStream in = LabelledCase.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        List<LabelledCase> cases = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String row;
            int line = 0;
            while ((row = reader.readLine()) != null) {
                line++;
                if (row.isBlank()) {
                    continue;
                }
                Json json = MAPPER.readValue(row, Json.class);
                List<String> unknown = json.labels().stream().filter(l -> !Signals.ALL.contains(l)).toList();
                if (!unknown.isEmpty()) {
                    throw new IllegalStateException("line " + line + " has unknown labels " + unknown);
                }
                cases.add(new LabelledCase(line, json.text(), Set.copyOf(json.labels()), json.type(),
                        json.reply(), json.hasSources()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }
}
