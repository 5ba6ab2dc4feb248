package io.oversight.signals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Trains the learned heads: k-fold cross-validation on the training data chooses each head's operating point
 * (the probability that becomes the score 0.5), then every head is trained on all data. The n-gram heads first,
 * then the dense heads and the ensemble on the same folds ({@link EnsembleTrainer}). Only training data is read.
 */
final class SignalModelTrainer {

    static final int FOLDS = 5;
    /** Recall matters more than precision for an oversight layer: thresholds maximise F-beta with this beta. */
    static final double BETA = 1.5;
    /** A language is covered when it has at least this many training messages and positives for every head. */
    static final int MIN_LANGUAGE_EXAMPLES = 150;
    static final int MIN_LANGUAGE_POSITIVES = 15;

    record Fold(String signal, double threshold, int tp, int fp, int fn, int tn) {
        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }
    }

    /**
     * {@code crossValidation} and {@code byLanguage} count the final out-of-fold scores at 0.5, as the product
     * scores: the ensemble for the messages it embeds, the n-gram model alone for the others.
     */
    record Result(SignalModel model, Map<String, Fold> crossValidation, Map<String, Map<String, Fold>> byLanguage,
                  Map<String, Integer> languageCounts, EnsembleTrainer.Result ensemble,
                  Map<String, double[]> bySentenceGain) {
    }

    private final HeadTrainer.Settings settings;
    private final DenseHeadTrainer.Settings denseSettings;

    SignalModelTrainer(HeadTrainer.Settings settings) {
        this(settings, DenseHeadTrainer.Settings.defaults());
    }

    SignalModelTrainer(HeadTrainer.Settings settings, DenseHeadTrainer.Settings denseSettings) {
        this.settings = settings;
        this.denseSettings = denseSettings;
    }

    Result train(List<TrainingSet.Example> examples) {
        List<TextFeatures.Vector> xs = examples.stream().map(e -> TextFeatures.of(e.text())).toList();
        List<Integer> foldOf = folds(examples.size());
        Map<String, SignalModel.Head> heads = new LinkedHashMap<>();
        Map<String, double[]> ngramCalibrated = new LinkedHashMap<>();
        Map<String, double[]> bySentenceGain = new LinkedHashMap<>();
        List<List<TextFeatures.Vector>> sentences = examples.stream()
                .map(e -> Sentences.of(e.text()).stream().map(TextFeatures::of).toList()).toList();
        for (String signal : TrainingSet.HEADS) {
            List<Boolean> ys = examples.stream().map(e -> e.labels().contains(signal)).toList();
            double[][] both = outOfFold(xs, sentences, ys, foldOf);
            double wholeF = fBeta(both[0], ys);
            double sentenceF = fBeta(both[1], ys);
            boolean bySentence = sentenceF > wholeF + MIN_SENTENCE_GAIN;
            bySentenceGain.put(signal, new double[] {wholeF, sentenceF});
            double[] oof = bySentence ? both[1] : both[0];
            double threshold = bestThreshold(oof, ys);
            float[] w = new HeadTrainer(settings).train(xs, ys);
            float[] weights = new float[TextFeatures.DIMENSIONS];
            System.arraycopy(w, 0, weights, 0, weights.length);
            SignalModel.Head head = new SignalModel.Head(w[w.length - 1], (float) threshold, weights, bySentence);
            heads.put(signal, head);
            ngramCalibrated.put(signal, java.util.Arrays.stream(oof).map(head::calibrated).toArray());
        }
        EnsembleTrainer.Result ensemble = new EnsembleTrainer(denseSettings, settings.seed())
                .train(examples, foldOf, ngramCalibrated);
        Map<String, Fold> cv = new LinkedHashMap<>();
        Map<String, Map<String, Fold>> byLanguage = new TreeMap<>();
        for (String signal : TrainingSet.HEADS) {
            List<Boolean> ys = examples.stream().map(e -> e.labels().contains(signal)).toList();
            double[] scores = ensemble.bySignal().get(signal).finalScores();
            double threshold = heads.get(signal).threshold();
            cv.put(signal, tally(signal, threshold, scores, ys, null, examples));
            for (String language : languages(examples)) {
                byLanguage.computeIfAbsent(language, l -> new LinkedHashMap<>())
                        .put(signal, tally(signal, threshold, scores, ys, language, examples));
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        examples.forEach(e -> counts.merge(e.language(), 1, Integer::sum));
        SignalModel model = new SignalModel(version(examples), covered(examples), heads, ensemble.heads());
        return new Result(model, cv, byLanguage, counts, ensemble, bySentenceGain);
    }

    /** A head reads sentence by sentence only when that raises its out-of-fold best F-beta by more than this. */
    static final double MIN_SENTENCE_GAIN = 0.002;

    /** The best F-beta over the threshold grid of {@link #bestThreshold}. */
    static double fBeta(double[] scores, List<Boolean> ys) {
        return fBeta(recallAt(scores, ys, bestThreshold(scores, ys)));
    }

    /** F-beta of a {recall, precision} pair from {@link #recallAt}. */
    static double fBeta(double[] recallPrecision) {
        double r = recallPrecision[0];
        double p = recallPrecision[1];
        double b2 = BETA * BETA;
        return r + p == 0 ? 0 : (1 + b2) * p * r / (b2 * p + r);
    }

    /** Out-of-fold probabilities of the whole messages [0] and of each message's most telling part [1]. */
    double[][] outOfFold(List<TextFeatures.Vector> xs, List<List<TextFeatures.Vector>> sentences, List<Boolean> ys,
                         List<Integer> foldOf) {
        double[][] oof = new double[2][xs.size()];
        for (int f = 0; f < FOLDS; f++) {
            List<TextFeatures.Vector> trainX = new ArrayList<>();
            List<Boolean> trainY = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                if (foldOf.get(i) != f) {
                    trainX.add(xs.get(i));
                    trainY.add(ys.get(i));
                }
            }
            float[] w = new HeadTrainer(settings).train(trainX, trainY);
            for (int i = 0; i < xs.size(); i++) {
                if (foldOf.get(i) == f) {
                    oof[0][i] = HeadTrainer.probability(w, xs.get(i));
                    oof[1][i] = oof[0][i];
                    for (TextFeatures.Vector sentence : sentences.get(i)) {
                        oof[1][i] = Math.max(oof[1][i], HeadTrainer.probability(w, sentence));
                    }
                }
            }
        }
        return oof;
    }

    double[] outOfFold(List<TextFeatures.Vector> xs, List<Boolean> ys, List<Integer> foldOf) {
        return outOfFold(xs, java.util.Collections.nCopies(xs.size(), List.of()), ys, foldOf)[0];
    }

    /** The product's bar (issue 8): recall and precision every English signal must reach. */
    static final double TARGET_RECALL = 0.95;
    static final double TARGET_PRECISION = 0.90;

    /**
     * The operating point of the ensemble: among the cuts that meet the product's bar on these (out-of-fold) scores
     * — recall at least {@link #TARGET_RECALL} and precision at least {@link #TARGET_PRECISION} — the one with the
     * best F-beta; when no cut meets it, the F-beta optimum ({@link #bestThreshold}). So where the training data says
     * the bar can be met, the cut is set to meet it, and where it cannot, the cut stays at the best trade-off.
     */
    static double operatingPoint(double[] scores, List<Boolean> ys) {
        double best = bestThreshold(scores, ys);
        double chosen = Double.NaN;
        double chosenF = -1;
        for (int step = 5; step <= 95; step++) {
            double t = step / 100.0;
            double[] rp = recallAt(scores, ys, t);
            if (rp[0] >= TARGET_RECALL && rp[1] >= TARGET_PRECISION) {
                double f = fBeta(rp);
                if (f > chosenF) {
                    chosenF = f;
                    chosen = t;
                }
            }
        }
        return Double.isNaN(chosen) ? best : chosen;
    }

    /** Recall and precision of {@code score >= t}. */
    static double[] recallAt(double[] scores, List<Boolean> ys, double t) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predicted = scores[i] >= t;
            if (predicted && ys.get(i)) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (ys.get(i)) {
                fn++;
            }
        }
        return new double[] {tp + fn == 0 ? 1.0 : (double) tp / (tp + fn), tp + fp == 0 ? 1.0 : (double) tp / (tp + fp)};
    }

    static double bestThreshold(double[] probabilities, List<Boolean> ys) {
        double best = 0.5;
        double bestScore = -1;
        for (int step = 5; step <= 95; step++) {
            double t = step / 100.0;
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < probabilities.length; i++) {
                boolean predicted = probabilities[i] >= t;
                if (predicted && ys.get(i)) {
                    tp++;
                } else if (predicted) {
                    fp++;
                } else if (ys.get(i)) {
                    fn++;
                }
            }
            double b2 = BETA * BETA;
            double f = tp == 0 ? 0 : (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp);
            if (f > bestScore) {
                bestScore = f;
                best = t;
            }
        }
        return best;
    }

    /** Counts at the calibrated score 0.5; {@code threshold} is the n-gram head's operating point, for the card. */
    private static Fold tally(String signal, double threshold, double[] p, List<Boolean> ys, String language,
                              List<TrainingSet.Example> examples) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < p.length; i++) {
            if (language != null && !language.equals(examples.get(i).language())) {
                continue;
            }
            boolean predicted = p[i] >= 0.5;
            if (predicted && ys.get(i)) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (ys.get(i)) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Fold(signal, threshold, tp, fp, fn, tn);
    }

    private static List<String> languages(List<TrainingSet.Example> examples) {
        return examples.stream().map(TrainingSet.Example::language).distinct().sorted().toList();
    }

    static List<String> covered(List<TrainingSet.Example> examples) {
        List<String> covered = new ArrayList<>();
        for (String language : languages(examples)) {
            List<TrainingSet.Example> mine = examples.stream().filter(e -> e.language().equals(language)).toList();
            boolean enough = mine.size() >= MIN_LANGUAGE_EXAMPLES && TrainingSet.HEADS.stream().allMatch(
                    s -> mine.stream().filter(e -> e.labels().contains(s)).count() >= MIN_LANGUAGE_POSITIVES);
            if (enough) {
                covered.add(language);
            }
        }
        return covered;
    }

    List<Integer> foldsFor(int n) {
        return folds(n);
    }

    private List<Integer> folds(int n) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(settings.seed()));
        Integer[] fold = new Integer[n];
        for (int i = 0; i < n; i++) {
            fold[order.get(i)] = i % FOLDS;
        }
        return List.of(fold);
    }

    private static String version(List<TrainingSet.Example> examples) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (TrainingSet.Example e : examples) {
                sha.update((e.text() + "\t" + e.language() + "\t" + String.join(",", e.labels()) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            String data = HexFormat.of().formatHex(sha.digest()).substring(0, 8);
            String at = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT).format(ZonedDateTime.now(ZoneOffset.UTC));
            return "ngram-minilm-" + at + "-" + data;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
