package io.oversight.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the shipped detector (learned model + word lists) on the frozen test split
 * ({@code src/test/resources/signals/frozen-test/*.jsonl}, written by someone who never saw the training data and
 * never used for tuning): precision, recall and confusion per signal and per language, written to
 * {@code target/signal-quality.md}. Fails when a signal misses the bar on the English split.
 */
class SignalQualityTest {

    private static final Logger LOG = LoggerFactory.getLogger(SignalQualityTest.class);
    /**
     * The bar issue 8 sets on the English frozen split, and what CI enforces: every English signal must reach it
     * (model ngram-minilm-20261201-1447-e1db19ef: precision 0.90-0.97, recall 0.96-0.97), so a retrain, new data
     * or a word-list change that loses it fails the build.
     */
    static final double MIN_RECALL = 0.95;
    static final double MIN_PRECISION = 0.90;
    private static final List<String> HEADS = TrainingSet.HEADS;

    static final class Tally {
        int tp;
        int fp;
        int fn;
        final Map<String, Integer> confusedWith = new TreeMap<>();

        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }
    }

    private static List<TrainingSet.Example> frozen;
    private static SignalDetector detector;

    @BeforeAll
    static void load() {
        frozen = TrainingSet.readFolder(TrainingSet.testResources().resolve("frozen-test"));
        detector = new SignalDetector();
    }

    @Test
    void labelledSetKeepsMissingContextCasesRight() {
        List<LabelledCase> cases = LabelledCase.load("signals/labelled-messages.jsonl");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(160);
        for (LabelledCase c : cases.stream().filter(c -> c.reply() != null || c.type() != null).toList()) {
            boolean expected = c.labels().contains(Signals.MISSING_CONTEXT);
            assertThat(detector.detect(c.toInput()).get(Signals.MISSING_CONTEXT).fired())
                    .as("missingContext on line %d: %s / %s", c.line(), c.text(), c.reply()).isEqualTo(expected);
        }
    }

    @Test
    void frozenEnglishSplitIsMeasuredAndHoldsTheFloor() throws IOException {
        assertThat(frozen).as("frozen test split").isNotEmpty();
        Map<String, Map<String, Tally>> byLanguage = new TreeMap<>();
        Map<String, int[]> uncovered = new TreeMap<>();
        for (TrainingSet.Example e : frozen) {
            SignalReport report = detector.detect(new SignalInput("REPLY",
                    List.of(new SignalInput.Message("customer", e.text())), null, true, Map.of()));
            if (!SignalModelLanguages.SIX.contains(e.language())) {
                int[] counts = uncovered.computeIfAbsent(e.language(), l -> new int[2]);
                counts[report.languageCovered() ? 1 : 0]++;
                continue;
            }
            Map<String, Tally> tallies = byLanguage.computeIfAbsent(e.language(), l -> newTallies());
            for (String signal : HEADS) {
                boolean expected = e.labels().contains(signal);
                boolean fired = report.get(signal).fired();
                Tally t = tallies.get(signal);
                if (expected && fired) {
                    t.tp++;
                } else if (fired) {
                    t.fp++;
                    e.labels().forEach(l -> t.confusedWith.merge(l, 1, Integer::sum));
                    if (e.labels().isEmpty()) {
                        t.confusedWith.merge("routine", 1, Integer::sum);
                    }
                } else if (expected) {
                    t.fn++;
                }
            }
        }
        String report = report(byLanguage, uncovered);
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("signal-quality.md"), report, StandardCharsets.UTF_8);
        LOG.info("Signal quality on the frozen split:\n{}", report);

        List<String> belowBar = new ArrayList<>();
        byLanguage.getOrDefault("en", Map.of()).forEach((signal, t) -> {
            String figures = String.format(Locale.ROOT, "%s (precision %.2f, recall %.2f)", signal, t.precision(),
                    t.recall());
            if (t.recall() < MIN_RECALL || t.precision() < MIN_PRECISION) {
                belowBar.add(figures);
            }
        });
        Files.writeString(target.resolve("signal-quality.md"), String.format(Locale.ROOT,
                "%nEnglish signals below the bar (precision %.2f / recall %.2f): %s%n", MIN_PRECISION, MIN_RECALL,
                belowBar.isEmpty() ? "none" : String.join(", ", belowBar)), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(byLanguage).containsKey("en");
        assertThat(belowBar).as("English signals below the bar of precision %.2f / recall %.2f"
                + " (see target/signal-quality.md)", MIN_PRECISION, MIN_RECALL).isEmpty();
    }

    private static Map<String, Tally> newTallies() {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        HEADS.forEach(s -> tallies.put(s, new Tally()));
        return tallies;
    }

    private static String report(Map<String, Map<String, Tally>> byLanguage, Map<String, int[]> uncovered) {
        StringBuilder md = new StringBuilder("# Signal quality on the frozen test split\n\n");
        md.append(frozen.size()).append(" messages from src/test/resources/signals/frozen-test/; model ")
                .append(detector.modelVersion())
                .append(String.format(Locale.ROOT, "; bar on English: precision >= %.2f, recall >= %.2f.%n%n",
                        MIN_PRECISION, MIN_RECALL));
        md.append("| language | signal | TP | FP | FN | precision | recall | false positives were (true labels) |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---|\n");
        byLanguage.forEach((language, tallies) -> tallies.forEach((signal, t) -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %d | %d | %d | %.2f | %.2f | %s |%n", language, signal, t.tp, t.fp, t.fn, t.precision(),
                t.recall(), t.confusedWith.isEmpty() ? "" : t.confusedWith.toString()))));
        if (!uncovered.isEmpty()) {
            md.append("\nMessages in languages the detectors do not cover (they must go to a person):\n\n")
                    .append("| language | recognised as not covered | judged as covered |\n|---|---:|---:|\n");
            uncovered.forEach((language, c) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d |%n",
                    language, c[0], c[1])));
        }
        return md.toString();
    }

    /** The six languages the data writers use. */
    static final class SignalModelLanguages {
        static final List<String> SIX = List.of("en", "de", "fr", "es", "nl", "it");
    }
}
