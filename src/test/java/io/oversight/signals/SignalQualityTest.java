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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures precision and recall of every signal on a hand-labelled set of support messages and fails
 * when a signal drops below the quality bar. The table goes to target/signal-quality.md and the log.
 */
class SignalQualityTest {

    private static final Logger LOG = LoggerFactory.getLogger(SignalQualityTest.class);
    private static final double MIN_RECALL = 0.90;
    private static final double MIN_PRECISION = 0.85;

    private static final class Tally {
        int tp;
        int fp;
        int fn;

        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }
    }

    private static List<LabelledCase> cases;
    private static SignalDetector detector;

    @BeforeAll
    static void load() {
        cases = LabelledCase.load("signals/labelled-messages.jsonl");
        detector = new SignalDetector();
    }

    @Test
    void datasetIsLargeAndCoversEverySignal() {
        assertThat(cases).hasSizeGreaterThanOrEqualTo(160);
        for (String signal : Signals.ALL) {
            long positives = cases.stream().filter(c -> c.labels().contains(signal)).count();
            assertThat(positives).as("positives for %s", signal)
                    .isGreaterThanOrEqualTo(Signals.MISSING_CONTEXT.equals(signal) ? 15 : 20);
        }
    }

    @Test
    void everySignalMeetsPrecisionAndRecallBar() throws IOException {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        Signals.ALL.forEach(s -> tallies.put(s, new Tally()));
        List<String> mistakes = new ArrayList<>();
        for (LabelledCase c : cases) {
            SignalReport report = detector.detect(c.toInput());
            for (String signal : Signals.ALL) {
                boolean expected = c.labels().contains(signal);
                Signal actual = report.get(signal);
                Tally tally = tallies.get(signal);
                if (expected && actual.fired()) {
                    tally.tp++;
                } else if (!expected && actual.fired()) {
                    tally.fp++;
                    mistakes.add(describe("FP", signal, c, actual));
                } else if (expected) {
                    tally.fn++;
                    mistakes.add(describe("FN", signal, c, actual));
                }
            }
        }
        String table = table(tallies);
        writeReport(table, mistakes);
        LOG.info("Signal quality on {} labelled messages:\n{}", cases.size(), table);
        mistakes.forEach(m -> LOG.info("misclassified: {}", m));

        List<String> failing = new ArrayList<>();
        tallies.forEach((signal, t) -> {
            if (t.recall() < MIN_RECALL || t.precision() < MIN_PRECISION) {
                failing.add(String.format(Locale.ROOT, "%s (precision %.2f, recall %.2f)",
                        signal, t.precision(), t.recall()));
            }
        });
        assertThat(failing)
                .as("signals below precision %.2f / recall %.2f:%n%s%nmisclassified:%n%s",
                        MIN_PRECISION, MIN_RECALL, table, String.join("\n", mistakes))
                .isEmpty();
    }

    private static String describe(String kind, String signal, LabelledCase c, Signal actual) {
        return String.format(Locale.ROOT, "%s %s line %d score %.2f: \"%s\"%s -> %s", kind, signal, c.line(),
                actual.score(), c.text().replace("\n", " "),
                c.reply() == null ? "" : " [reply: \"" + c.reply() + "\"]", actual.detail());
    }

    private static String table(Map<String, Tally> tallies) {
        StringBuilder sb = new StringBuilder();
        sb.append("| signal | TP | FP | FN | precision | recall |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        tallies.forEach((signal, t) -> sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %.2f |%n",
                signal, t.tp, t.fp, t.fn, t.precision(), t.recall())));
        return sb.toString();
    }

    private static void writeReport(String table, List<String> mistakes) throws IOException {
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        Files.createDirectories(target);
        StringBuilder md = new StringBuilder("# Signal quality\n\n");
        md.append(cases.size()).append(" labelled messages from src/test/resources/signals/labelled-messages.jsonl; ")
                .append(String.format(Locale.ROOT, "bar: precision >= %.2f, recall >= %.2f.%n%n",
                        MIN_PRECISION, MIN_RECALL))
                .append(table).append('\n');
        md.append("## Misclassified\n\n");
        if (mistakes.isEmpty()) {
            md.append("none\n");
        }
        mistakes.forEach(m -> md.append("- ").append(m).append('\n'));
        Files.writeString(target.resolve("signal-quality.md"), md.toString(), StandardCharsets.UTF_8);
    }
}
