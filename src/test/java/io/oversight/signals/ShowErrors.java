package io.oversight.signals;

import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prints the out-of-fold mistakes of one head on the training data (for error analysis of the design). */
public final class ShowErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ShowErrors.class);

    private ShowErrors() {
    }

    public static void main(String[] args) {
        String signal = args.length > 0 ? args[0] : Signals.ANGER;
        List<TrainingSet.Example> examples = TrainingSet.training();
        List<TextFeatures.Vector> xs = examples.stream().map(e -> TextFeatures.of(e.text())).toList();
        SignalModelTrainer trainer = new SignalModelTrainer(HeadTrainer.Settings.defaults());
        List<Boolean> ys = examples.stream().map(e -> e.labels().contains(signal)).toList();
        double[] oof = trainer.outOfFold(xs, ys, trainer.foldsFor(examples.size()));
        double t = SignalModelTrainer.bestThreshold(oof, ys);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < oof.length; i++) {
            boolean p = oof[i] >= t;
            if (p != ys.get(i)) {
                sb.append(String.format(Locale.ROOT, "%s %.2f %s %s%n", p ? "FP" : "FN", oof[i],
                        examples.get(i).source(), examples.get(i).text()));
            }
        }
        LOG.info("threshold {}\n{}", t, sb);
    }
}
