package io.oversight.signals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains the learned signal heads from the labelled data and writes the model into the main resources:
 * {@code ./mvnw -q test-compile exec:java@train-signals}. Reads {@code src/test/resources/signals/
 * labelled-messages.jsonl}, {@code train/*.jsonl} and {@code feedback/*.jsonl} (reviewed exports of
 * {@code GET /api/v1/feedback/examples}); never the frozen test split.
 */
public final class TrainSignals {

    private static final Logger LOG = LoggerFactory.getLogger(TrainSignals.class);
    static final String MODEL_RESOURCE = "signals/model/signal-model.bin";
    static final String CARD_RESOURCE = "signals/model/MODEL.md";

    private TrainSignals() {
    }

    public static void main(String[] args) throws IOException {
        List<TrainingSet.Example> examples = TrainingSet.training();
        SignalModelTrainer.Result result = new SignalModelTrainer(HeadTrainer.Settings.defaults()).train(examples);
        Path resources = Path.of(System.getProperty("basedir", "."), "src", "main", "resources");
        Path model = resources.resolve(MODEL_RESOURCE);
        Files.createDirectories(model.getParent());
        try (OutputStream out = Files.newOutputStream(model)) {
            result.model().write(out);
        }
        String card = card(result, examples.size());
        Files.writeString(resources.resolve(CARD_RESOURCE), card, StandardCharsets.UTF_8);
        LOG.info("wrote {} ({} bytes)\n{}", model, Files.size(model), card);
    }

    static String card(SignalModelTrainer.Result result, int size) {
        StringBuilder sb = new StringBuilder("# Signal model ").append(result.model().version()).append("\n\n");
        sb.append("Logistic regression per signal over hashed word 1-2-grams and character 3-5-grams of the ")
                .append("lower-cased, accent-folded text. Trained on ").append(size).append(" labelled messages ")
                .append(result.languageCounts()).append(". Covered languages: ")
                .append(result.model().coveredLanguages()).append(".\n\n");
        sb.append(String.format(Locale.ROOT, "%d-fold cross-validation on the training data (thresholds maximise "
                + "F%.1f):%n%n", SignalModelTrainer.FOLDS, SignalModelTrainer.BETA));
        sb.append("| signal | operating point | TP | FP | FN | precision | recall |\n|---|---:|---:|---:|---:|---:|---:|\n");
        result.crossValidation().values().forEach(f -> row(sb, f.signal(), f));
        sb.append("\nPer language (cross-validation):\n\n")
                .append("| language | signal | TP | FP | FN | precision | recall |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, SignalModelTrainer.Fold>> e : result.byLanguage().entrySet()) {
            e.getValue().values().forEach(f -> sb.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %d | %d | %.2f | %.2f |%n", e.getKey(), f.signal(), f.tp(), f.fp(), f.fn(),
                    f.precision(), f.recall())));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String signal, SignalModelTrainer.Fold f) {
        sb.append(String.format(Locale.ROOT, "| %s | %.2f | %d | %d | %d | %.2f | %.2f |%n", signal, f.threshold(),
                f.tp(), f.fp(), f.fn(), f.precision(), f.recall()));
    }
}
