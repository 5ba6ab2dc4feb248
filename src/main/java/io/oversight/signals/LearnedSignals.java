package io.oversight.signals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scores one customer message with every learned head and detects its language. */
final class LearnedSignals {

    static final String MODEL_RESOURCE = "signals/model/signal-model.bin";
    private static final int EVIDENCE_FEATURES = 4;

    /** What the model says about one message: scores and evidence per signal, and its language (or null). */
    record Judgement(Map<String, Double> scores, Map<String, List<String>> evidence, String language) {
    }

    private final SignalModel model;
    private final LanguageGuard languages;

    LearnedSignals(SignalModel model, LanguageGuard languages) {
        this.model = model;
        this.languages = languages;
    }

    static LearnedSignals fromClasspath(String resource) {
        try (InputStream in = LearnedSignals.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("signal model not found on the classpath: " + resource
                        + " (build it with ./mvnw -q test-compile exec:java@train-signals)");
            }
            return new LearnedSignals(SignalModel.read(in), new LanguageGuard());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SignalModel model() {
        return model;
    }

    boolean covers(String language) {
        return language == null || model.coveredLanguages().contains(language);
    }

    Judgement judge(String text) {
        return compute(text);
    }

    private Judgement compute(String text) {
        TextFeatures.Vector v = TextFeatures.of(text);
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, List<String>> evidence = new LinkedHashMap<>();
        model.heads().forEach((signal, head) -> {
            double score = head.score(head.probability(v));
            scores.put(signal, score);
            evidence.put(signal, score >= 0.25 ? head.evidence(v, EVIDENCE_FEATURES) : List.of());
        });
        return new Judgement(Map.copyOf(scores), Map.copyOf(evidence), languages.detect(text));
    }

}
