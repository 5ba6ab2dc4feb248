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
        SignalModelTrainer.Result result = new SignalModelTrainer(HeadTrainer.Settings.defaults(),
                DenseHeadTrainer.Settings.defaults()).train(examples);
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
        EnsembleTrainer.Result ensemble = result.ensemble();
        sb.append(String.format(Locale.ROOT, "For messages detected as %s (%d of the training messages) a second "
                + "logistic head per signal reads the sentence embedding of %s (384 dimensions, standardised; "
                + "full-batch Adam, L2 %.2f); the score is the weighted mean of both models' calibrated scores (the n-gram weight per signal chosen by cross-validation), mapped so that "
                + "the ensemble's operating point is 0.5. Embedding them took %.1f s on one thread.%n%n",
                EnsembleTrainer.LANGUAGES, ensemble.embedded(), ensemble.heads().encoder(),
                DenseHeadTrainer.Settings.defaults().l2(), ensemble.embedMillis() / 1000));
        sb.append(String.format(Locale.ROOT, "%d-fold cross-validation on the training data (operating points "
                + "maximise F%.1f on the out-of-fold scores; the ensemble's cut is the best of those reaching recall %.2f "
                + "and precision %.2f where such a cut exists; the frozen test split is not read). Every message is "
                + "scored as the product scores it: the ensemble where embedded, the n-gram model elsewhere; "
                + "counted at the score 0.5:%n%n", SignalModelTrainer.FOLDS, SignalModelTrainer.BETA,
                SignalModelTrainer.TARGET_RECALL, SignalModelTrainer.TARGET_PRECISION));
        sb.append("| signal | n-gram operating point | TP | FP | FN | precision | recall |\n|---|---:|---:|---:|---:|---:|---:|\n");
        result.crossValidation().values().forEach(f -> row(sb, f.signal(), f));
        sb.append("\nEach n-gram head reads the whole message, or the whole message and each of its sentences (the "
                + "highest probability counts) when that raises its out-of-fold best F-beta by more than ")
                .append(SignalModelTrainer.MIN_SENTENCE_GAIN).append(":\n\n| signal | whole message | by sentence | shipped |\n|---|---:|---:|---|\n");
        result.bySentenceGain().forEach((signal, f) -> sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %s |%n",
                signal, f[0], f[1], result.model().heads().get(signal).bySentence() ? "by sentence" : "whole message")));
        sb.append(String.format(Locale.ROOT, "%nThe embedded messages (detected %s, %d), each model alone and the "
                + "ensemble, at its own operating point (AUC of its out-of-fold scores):%n%n",
                EnsembleTrainer.LANGUAGES, ensemble.embedded()));
        sb.append("| signal | model | operating point | AUC | TP | FP | FN | precision | recall |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        ensemble.bySignal().forEach((signal, o) -> {
            compare(sb, signal, "n-gram", result.model().heads().get(signal).threshold(), o.ngram());
            compare(sb, "", "sentence embedding", o.denseThreshold(), o.dense());
            compare(sb, "", String.format(Locale.ROOT, "ensemble (n-gram weight %.1f), every message embedded",
                    o.head().ngramWeight()), o.ensembleThreshold(), o.ensemble());
            compare(sb, "", "**ensemble with the cascade** (shipped; " + o.lost() + " lost)", o.ensembleThreshold(),
                    o.cascade());
        });
        sb.append(String.format(Locale.ROOT, "%nThe cascade: a message is embedded only when some signal's n-gram "
                + "score lies between its lower cut and the ensemble's cut divided by the n-gram weight (from there the "
                + "ensemble fires whatever the embedding says). The lower cut per signal is the largest that loses at most the "
                + "budget's share of the signal's positives the full ensemble catches out of fold. Shipped: "
                + "budget %.4f.%n%n", EnsembleTrainer.CASCADE_BUDGET));
        sb.append("| loss budget | lower cuts (").append(String.join(", ", TrainingSet.HEADS))
                .append(") | messages embedded | routine messages embedded |\n|---:|---|---:|---:|\n");
        for (EnsembleTrainer.CascadeChoice c : ensemble.cascade()) {
            sb.append(String.format(Locale.ROOT, "| %s%.4f | %s | %.1f %% | %.1f %% |%n", c.chosen() ? "**shipped** " : "",
                    c.budget(), c.skipBelow().values().stream().map(v -> String.format(Locale.ROOT, "%.2f", v))
                            .collect(java.util.stream.Collectors.joining(", ")),
                    100 * c.embeddedShare(), 100 * c.routineEmbeddedShare()));
        }
        sb.append("\nPer language (cross-validation, as the product scores):\n\n")
                .append("| language | signal | TP | FP | FN | precision | recall |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, SignalModelTrainer.Fold>> e : result.byLanguage().entrySet()) {
            e.getValue().values().forEach(f -> sb.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %d | %d | %.2f | %.2f |%n", e.getKey(), f.signal(), f.tp(), f.fp(), f.fn(),
                    f.precision(), f.recall())));
        }
        return sb.toString();
    }

    private static void compare(StringBuilder sb, String signal, String model, double threshold,
                                EnsembleTrainer.Tally t) {
        sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.3f | %d | %d | %d | %.2f | %.2f |%n", signal, model,
                threshold, t.auc(), t.tp(), t.fp(), t.fn(), t.precision(), t.recall()));
    }

    private static void row(StringBuilder sb, String signal, SignalModelTrainer.Fold f) {
        sb.append(String.format(Locale.ROOT, "| %s | %.2f | %d | %d | %d | %.2f | %.2f |%n", signal, f.threshold(),
                f.tp(), f.fp(), f.fn(), f.precision(), f.recall()));
    }
}
