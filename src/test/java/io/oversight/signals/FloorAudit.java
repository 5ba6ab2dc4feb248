package io.oversight.signals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the policy owner's word lists (the floor that always fires) do on the labelled training data: per signal, the
 * messages the lists alone fire on and how many of them carry the label, and per rule the labelled and unlabelled
 * messages it helped fire on; per signal, the labelled messages a {@code suppress} entry silences. A rule that
 * fires mostly on unlabelled messages costs precision the learned model does not need to lose.
 * Run: {@code ./mvnw -q test-compile exec:java@floor-audit} → {@code target/floor-audit.md}.
 */
public final class FloorAudit {

    private FloorAudit() {
    }

    /** Labelled (true positive) and unlabelled (false positive) messages one rule helped fire on. */
    private static final class Count {
        int labelled;
        int unlabelled;
        final List<String> examples = new ArrayList<>();
    }

    public static void main(String[] args) throws IOException {
        List<TrainingSet.Example> examples = TrainingSet.training();
        StringBuilder md = new StringBuilder("# Word-list floor on the training data\n\n")
                .append(String.format(Locale.ROOT, "%d labelled messages (`TrainingSet.training()`).%n%n", examples.size()))
                .append("| signal | fires alone | labelled | unlabelled | precision | labelled messages suppressed |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        StringBuilder rules = new StringBuilder("\n## Rules that fired on unlabelled messages\n\n")
                .append("| signal | rule | labelled | unlabelled | an unlabelled example |\n|---|---|---:|---:|---|\n");
        for (String signal : SignalDetector.CUSTOMER_SIGNALS) {
            TermDetector detector = TermDetector.load(signal, SignalDetector.DEFAULT_LOCATION + signal + ".yaml");
            Map<String, Count> perRule = new LinkedHashMap<>();
            int labelled = 0;
            int unlabelled = 0;
            int suppressedPositives = 0;
            for (TrainingSet.Example example : examples) {
                boolean positive = example.labels().contains(signal);
                if (detector.suppressed(example.text())) {
                    suppressedPositives += positive ? 1 : 0;
                    continue;
                }
                Signal found = detector.detect(List.of(example.text()), null);
                if (!found.fired()) {
                    continue;
                }
                if (positive) {
                    labelled++;
                } else {
                    unlabelled++;
                }
                for (String match : found.matches()) {
                    Count count = perRule.computeIfAbsent(match.toLowerCase(Locale.ROOT), k -> new Count());
                    if (positive) {
                        count.labelled++;
                    } else {
                        count.unlabelled++;
                        count.examples.add(example.text());
                    }
                }
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %d |%n", signal, labelled + unlabelled,
                    labelled, unlabelled, labelled + unlabelled == 0 ? 1.0 : (double) labelled / (labelled + unlabelled),
                    suppressedPositives));
            perRule.entrySet().stream().filter(e -> e.getValue().unlabelled > 0)
                    .sorted(Comparator.comparingInt((Map.Entry<String, Count> e) -> -e.getValue().unlabelled))
                    .forEach(e -> rules.append(String.format(Locale.ROOT, "| %s | `%s` | %d | %d | %s |%n", signal,
                            e.getKey(), e.getValue().labelled, e.getValue().unlabelled,
                            e.getValue().examples.get(0).replace("|", "\\|"))));
        }
        Path out = Path.of("target", "floor-audit.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.append(rules), StandardCharsets.UTF_8);
        System.out.println(md);
    }
}
