package io.oversight.signals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Labelled messages in the training format ({@code text}, {@code language}, {@code labels}), read from files. */
final class TrainingSet {

    /** The signals the learned heads predict (missingContext is about the reply, not the customer). */
    static final List<String> HEADS = List.of(Signals.ANGER, Signals.SENSITIVE_TOPIC, Signals.SECURITY_CONCERN,
            Signals.BILLING_DISPUTE, Signals.HUMAN_REQUESTED);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Example(String text, String language, Set<String> labels, String source) {
    }

    private TrainingSet() {
    }

    static Path testResources() {
        return Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "signals");
    }

    /** labelled-messages.jsonl, every train/*.jsonl and every feedback/*.jsonl (reviewed reviewer exports). */
    static List<Example> training() {
        Path root = testResources();
        List<Example> all = new ArrayList<>(read(root.resolve("labelled-messages.jsonl")));
        all.addAll(readFolder(root.resolve("train")));
        all.addAll(readFolder(root.resolve("feedback")));
        return all;
    }

    static List<Example> readFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Example> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(p -> all.addAll(read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    static List<Example> read(Path file) {
        List<Example> examples = new ArrayList<>();
        try {
            int line = 0;
            for (String row : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (row.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = MAPPER.readTree(row);
                } catch (IOException e) {
                    throw new IllegalStateException(file.getFileName() + " line " + line + " is not JSON", e);
                }
                if (node.path("reply").isTextual() || node.path("type").isTextual() || !node.path("text").isTextual()) {
                    continue; // cases about the proposed reply (missingContext), not customer language
                }
                Set<String> labels = new LinkedHashSet<>();
                node.path("labels").forEach(l -> {
                    if (HEADS.contains(l.asText())) {
                        labels.add(l.asText());
                    }
                });
                String language = node.path("language").asText("en").toLowerCase();
                examples.add(new Example(node.get("text").asText(), language, labels,
                        file.getFileName() + ":" + line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }
}
