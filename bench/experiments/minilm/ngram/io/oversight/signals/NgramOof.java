package io.oversight.signals;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Experiment helper (not product code): reproduces the production trainer's 5-fold cross-validation of the n-gram
 * model (same data order, same fold assignment: shuffle with seed 42, i % 5; same HeadTrainer defaults; all languages
 * in the training folds) and writes, for every English message, its fold, labels, the out-of-fold n-gram probability
 * per head and the text, one tab-separated line each. MiniLmBench reads this file so both models see the same folds.
 *
 * Usage: java -cp ... io.oversight.signals.NgramOof OUT.tsv   (run from the repository root)
 */
public final class NgramOof {

    public static void main(String[] args) throws IOException {
        List<TrainingSet.Example> all = TrainingSet.training();
        HeadTrainer.Settings settings = HeadTrainer.Settings.defaults();
        int n = all.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(settings.seed()));
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order.get(i)] = i % 5;
        }
        List<TextFeatures.Vector> xs = all.stream().map(e -> TextFeatures.of(e.text())).toList();
        double[][] oof = new double[TrainingSet.HEADS.size()][n];
        for (int h = 0; h < TrainingSet.HEADS.size(); h++) {
            String signal = TrainingSet.HEADS.get(h);
            for (int f = 0; f < 5; f++) {
                List<TextFeatures.Vector> tx = new ArrayList<>();
                List<Boolean> ty = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (fold[i] != f) {
                        tx.add(xs.get(i));
                        ty.add(all.get(i).labels().contains(signal));
                    }
                }
                float[] w = new HeadTrainer(settings).train(tx, ty);
                for (int i = 0; i < n; i++) {
                    if (fold[i] == f) {
                        oof[h][i] = HeadTrainer.probability(w, xs.get(i));
                    }
                }
            }
        }
        int english = 0;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8))) {
            out.println("#fold\tlabels\t" + String.join("\t", TrainingSet.HEADS) + "\ttext");
            for (int i = 0; i < n; i++) {
                TrainingSet.Example e = all.get(i);
                if (!e.language().equals("en")) {
                    continue;
                }
                english++;
                StringBuilder line = new StringBuilder().append(fold[i]).append('\t').append(String.join(",", e.labels()));
                for (int h = 0; h < TrainingSet.HEADS.size(); h++) {
                    line.append('\t').append(oof[h][i]);
                }
                line.append('\t').append(e.text().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
                out.println(line);
            }
        }
        System.out.println("examples=" + n + " english=" + english);
    }
}
