package io.oversight.signals;

import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Design comparison on the training data only (k-fold cross-validation): best F1 per head for several trainer
 * settings. {@code ./mvnw -q test-compile exec:java@compare-signal-settings}.
 */
public final class CompareSettings {

    private static final Logger LOG = LoggerFactory.getLogger(CompareSettings.class);

    private CompareSettings() {
    }

    public static void main(String[] args) {
        List<TrainingSet.Example> examples = TrainingSet.training();
        List<TextFeatures.Vector> xs = examples.stream().map(e -> TextFeatures.of(e.text())).toList();
        List<HeadTrainer.Settings> candidates = List.of(
                new HeadTrainer.Settings(30, 0.05, 0.0, 3.0, 42L),
                new HeadTrainer.Settings(30, 0.05, 0.0, 1.0, 42L));
        for (HeadTrainer.Settings s : candidates) {
            SignalModelTrainer trainer = new SignalModelTrainer(s);
            StringBuilder sb = new StringBuilder(s.toString());
            List<Integer> folds = trainer.foldsFor(examples.size());
            for (String signal : TrainingSet.HEADS) {
                List<Boolean> ys = examples.stream().map(e -> e.labels().contains(signal)).toList();
                double[] oof = trainer.outOfFold(xs, ys, folds);
                double bestF1 = 0;
                double at = 0;
                for (int step = 2; step <= 98; step++) {
                    double t = step / 100.0;
                    int tp = 0, fp = 0, fn = 0;
                    for (int i = 0; i < oof.length; i++) {
                        boolean p = oof[i] >= t;
                        if (p && ys.get(i)) tp++; else if (p) fp++; else if (ys.get(i)) fn++;
                    }
                    double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
                    if (f1 > bestF1) { bestF1 = f1; at = t; }
                }
                sb.append(String.format(Locale.ROOT, " %s F1 %.3f@%.2f", signal, bestF1, at));
            }
            LOG.info("{}", sb);
        }
    }
}
