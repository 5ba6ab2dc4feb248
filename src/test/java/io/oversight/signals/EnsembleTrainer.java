package io.oversight.signals;

import io.oversight.signals.embedding.DenseHead;
import io.oversight.signals.embedding.DenseHeads;
import io.oversight.signals.embedding.SentenceEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Trains the dense heads of the ensemble on the messages the product will embed: those whose language the
 * {@link LanguageGuard} detects as one of {@link #LANGUAGES}. Each message is embedded once. With the n-gram
 * model's out-of-fold scores (same folds) it chooses, on training data only, each dense head's operating point
 * (F-beta on its out-of-fold probabilities) and the ensemble's ({@link SignalModelTrainer#operatingPoint} on the
 * out-of-fold mean of both calibrated scores), and reports both models alone and together.
 */
final class EnsembleTrainer {

    static final List<String> LANGUAGES = List.of("en");
    /** Labelled examples kept per signal to name the nearest ones as evidence. */
    static final int EXAMPLES_PER_SIGNAL = 150;
    static final int EXAMPLE_CHARS = 200;

    /** One model's out-of-fold figures on the embedded messages, at its own operating point (score 0.5). */
    record Tally(int tp, int fp, int fn, double auc) {
        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }
    }

    /**
     * Per signal: the head, the final out-of-fold scores of every message (with the cascade, as the product scores),
     * and the comparison; {@code ensemble} is the ensemble with every message embedded, {@code cascade} as shipped,
     * {@code lost} the positives the full ensemble catches and the cascade does not.
     */
    record Outcome(DenseHead head, double[] finalScores, double denseThreshold, double ensembleThreshold,
                   Tally ngram, Tally dense, Tally ensemble, Tally cascade, int lost) {
    }

    /**
     * How the cascade was chosen: per loss budget (a share of each signal's positives the n-gram cut may lose in
     * cross-validation) the cuts, and the share of routed messages, and of routine ones, that would still be
     * embedded. {@code chosen} is the budget shipped.
     */
    record CascadeChoice(double budget, Map<String, Double> skipBelow, double embeddedShare, double routineEmbeddedShare,
                         boolean chosen) {
    }

    record Result(DenseHeads heads, Map<String, Outcome> bySignal, int embedded, double embedMillis,
                  List<CascadeChoice> cascade) {
    }

    /**
     * Weights of the n-gram model's calibrated score in the ensemble's mean compared per signal; the plain mean
     * (0.5) stays unless another raises the out-of-fold F-beta at the operating point by more than
     * {@link #MIN_WEIGHT_GAIN}.
     */
    static final List<Double> NGRAM_WEIGHTS = List.of(0.3, 0.4, 0.6, 0.7);
    static final double MIN_WEIGHT_GAIN = 0.002;

    /** Loss budgets compared for the cascade's lower cut; {@link #CASCADE_BUDGET} is shipped. */
    static final List<Double> CASCADE_BUDGETS = List.of(0.0, 0.0025, 0.005, 0.01, 0.02);
    static final double CASCADE_BUDGET = 0.005;
    /** The lower cut never exceeds this n-gram calibrated score (nor the ensemble's cut). */
    static final double MAX_SKIP_BELOW = 0.45;

    private final DenseHeadTrainer.Settings settings;
    private final long seed;

    EnsembleTrainer(DenseHeadTrainer.Settings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
    }

    /**
     * @param ngramCalibrated per signal, the n-gram model's out-of-fold calibrated score of every example
     */
    Result train(List<TrainingSet.Example> examples, List<Integer> foldOf, Map<String, double[]> ngramCalibrated) {
        LanguageGuard guard = new LanguageGuard();
        int[] routed = IntStream.range(0, examples.size()).filter(i -> {
            String language = guard.detect(examples.get(i).text()); // as the product routes: by detected language
            return language != null && LANGUAGES.contains(language);
        }).toArray();
        float[][] x = new float[examples.size()][];
        long start = System.nanoTime();
        try (SentenceEncoder encoder = SentenceEncoder.load()) {
            for (int i : routed) {
                x[i] = encoder.embed(examples.get(i).text());
            }
        }
        double embedMillis = (System.nanoTime() - start) / 1e6;
        int[][] trainRows = new int[SignalModelTrainer.FOLDS][];
        DenseHeadTrainer.Standardised[] foldData = new DenseHeadTrainer.Standardised[SignalModelTrainer.FOLDS];
        for (int f = 0; f < SignalModelTrainer.FOLDS; f++) {
            int fold = f;
            trainRows[f] = Arrays.stream(routed).filter(i -> foldOf.get(i) != fold).toArray();
            foldData[f] = DenseHeadTrainer.Standardised.of(x, trainRows[f]);
        }
        DenseHeadTrainer.Standardised all = DenseHeadTrainer.Standardised.of(x, routed);
        record Partial(double[] w, double denseThreshold, double ensembleThreshold, double[] denseCalibrated,
                       double[] full, boolean[] ys, double ngramWeight) {
            double decidesFrom() {
                return DenseHead.decidesFrom(ensembleThreshold, ngramWeight);
            }
        }
        Map<String, Partial> partials = new LinkedHashMap<>();
        for (String signal : TrainingSet.HEADS) {
            boolean[] ys = new boolean[examples.size()];
            for (int i = 0; i < ys.length; i++) {
                ys[i] = examples.get(i).labels().contains(signal);
            }
            double[] denseOof = new double[examples.size()];
            for (int f = 0; f < SignalModelTrainer.FOLDS; f++) {
                double[] w = new DenseHeadTrainer(settings).train(foldData[f], labels(ys, trainRows[f]));
                for (int i : routed) {
                    if (foldOf.get(i) == f) {
                        denseOof[i] = DenseHeadTrainer.probability(w, foldData[f].mean(), foldData[f].sd(), x[i]);
                    }
                }
            }
            double[] ngram = ngramCalibrated.get(signal);
            List<Boolean> routedYs = Arrays.stream(routed).mapToObj(i -> ys[i]).toList();
            double denseThreshold = SignalModelTrainer.bestThreshold(pick(denseOof, routed), routedYs);
            double[] denseCalibrated = new double[examples.size()];
            for (int i : routed) {
                denseCalibrated[i] = DenseHead.calibrate(denseOof[i], denseThreshold);
            }
            double ngramWeight = DenseHead.EQUAL_WEIGHT;
            double bestF = fAtOperatingPoint(weighted(ngram, denseCalibrated, routed, ngramWeight), routed, routedYs)
                    + MIN_WEIGHT_GAIN;
            for (double candidate : NGRAM_WEIGHTS) {
                double f = fAtOperatingPoint(weighted(ngram, denseCalibrated, routed, candidate), routed, routedYs);
                if (f > bestF) {
                    bestF = f;
                    ngramWeight = candidate;
                }
            }
            double[] mean = weighted(ngram, denseCalibrated, routed, ngramWeight);
            double ensembleThreshold = SignalModelTrainer.operatingPoint(pick(mean, routed), routedYs);
            double[] full = ngram.clone();
            for (int i : routed) {
                full[i] = DenseHead.calibrate(mean[i], ensembleThreshold);
            }
            double[] w = new DenseHeadTrainer(settings).train(all, labels(ys, routed));
            partials.put(signal, new Partial(w, denseThreshold, ensembleThreshold, denseCalibrated, full, ys,
                    ngramWeight));
        }
        Map<String, Double> decidesFrom = new LinkedHashMap<>();
        partials.forEach((signal, p) -> decidesFrom.put(signal, (double) p.decidesFrom()));
        List<CascadeChoice> choices = new ArrayList<>();
        Map<String, Double> shipped = null;
        for (double budget : CASCADE_BUDGETS) {
            Map<String, Double> cuts = new LinkedHashMap<>();
            partials.forEach((signal, p) -> cuts.put(signal, skipBelow(ngramCalibrated.get(signal), p.full(), p.ys(),
                    routed, p.ensembleThreshold(), budget)));
            boolean[] needed = needed(routed, examples.size(), cuts, ngramCalibrated, decidesFrom);
            long embeddedCount = Arrays.stream(routed).filter(i -> needed[i]).count();
            int[] routine = Arrays.stream(routed).filter(i -> examples.get(i).labels().isEmpty()).toArray();
            long routineEmbedded = Arrays.stream(routine).filter(i -> needed[i]).count();
            boolean chosen = budget == CASCADE_BUDGET;
            choices.add(new CascadeChoice(budget, cuts, (double) embeddedCount / routed.length,
                    routine.length == 0 ? 0 : (double) routineEmbedded / routine.length, chosen));
            if (chosen) {
                shipped = cuts;
            }
        }
        Map<String, Double> cuts = shipped;
        boolean[] needed = needed(routed, examples.size(), cuts, ngramCalibrated, decidesFrom);
        Map<String, DenseHead> heads = new LinkedHashMap<>();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        partials.forEach((signal, p) -> {
            double[] ngram = ngramCalibrated.get(signal);
            double[] w = p.w();
            DenseHead head = new DenseHead(all.mean(), all.sd(), weights(w), (float) w[w.length - 1],
                    (float) p.denseThreshold(), (float) p.ensembleThreshold(), cuts.get(signal).floatValue(),
                    (float) p.decidesFrom(), (float) p.ngramWeight(), examples(examples, routed, p.ys(), x));
            double[] finalScores = p.full().clone();
            int lost = 0;
            for (int i : routed) {
                if (!needed[i]) {
                    finalScores[i] = head.withoutEmbedding(ngram[i]);
                    if (p.ys()[i] && p.full()[i] >= 0.5 && finalScores[i] < 0.5) {
                        lost++;
                    }
                }
            }
            heads.put(signal, head);
            outcomes.put(signal, new Outcome(head, finalScores, p.denseThreshold(), p.ensembleThreshold(),
                    tally(ngram, p.ys(), routed), tally(p.denseCalibrated(), p.ys(), routed),
                    tally(p.full(), p.ys(), routed), tally(finalScores, p.ys(), routed), lost));
        });
        return new Result(new DenseHeads(SentenceEncoder.NAME, LANGUAGES, heads), outcomes, routed.length, embedMillis,
                choices);
    }

    /**
     * The largest n-gram cut (0.00, 0.01, … up to {@link #MAX_SKIP_BELOW} and the ensemble's cut) under which at most
     * {@code budget} of the signal's positives are ones the full ensemble catches out of fold.
     */
    static double skipBelow(double[] ngram, double[] full, boolean[] ys, int[] routed, double ensembleThreshold,
                            double budget) {
        long positives = Arrays.stream(routed).filter(i -> ys[i]).count();
        double allowed = Math.floor(budget * positives);
        double best = 0;
        for (int step = 1; step <= 100; step++) {
            double cut = step / 100.0;
            if (cut > MAX_SKIP_BELOW || cut > ensembleThreshold) {
                break;
            }
            long lost = Arrays.stream(routed).filter(i -> ys[i] && full[i] >= 0.5 && ngram[i] < cut).count();
            if (lost > allowed) {
                break;
            }
            best = cut;
        }
        return best;
    }

    private static double[] weighted(double[] ngram, double[] dense, int[] routed, double ngramWeight) {
        double[] mean = new double[ngram.length];
        for (int i : routed) {
            mean[i] = ngramWeight * ngram[i] + (1 - ngramWeight) * dense[i];
        }
        return mean;
    }

    private static double fAtOperatingPoint(double[] scores, int[] routed, List<Boolean> ys) {
        double[] picked = pick(scores, routed);
        return SignalModelTrainer.fBeta(
                SignalModelTrainer.recallAt(picked, ys, SignalModelTrainer.operatingPoint(picked, ys)));
    }

    /** Per message: whether some signal's n-gram score lies in its undecided band (so the product embeds it). */
    private static boolean[] needed(int[] routed, int size, Map<String, Double> cuts, Map<String, double[]> ngram,
                                    Map<String, Double> decidesFrom) {
        boolean[] needed = new boolean[size];
        for (int i : routed) {
            for (Map.Entry<String, Double> cut : cuts.entrySet()) {
                double score = ngram.get(cut.getKey())[i];
                if (score >= cut.getValue() && score < decidesFrom.get(cut.getKey())) {
                    needed[i] = true;
                    break;
                }
            }
        }
        return needed;
    }

    private List<DenseHead.Example> examples(List<TrainingSet.Example> examples, int[] routed, boolean[] ys,
                                             float[][] x) {
        List<Integer> positives = new ArrayList<>(Arrays.stream(routed).filter(i -> ys[i]).boxed().toList());
        Collections.shuffle(positives, new Random(seed));
        return positives.subList(0, Math.min(EXAMPLES_PER_SIGNAL, positives.size())).stream().sorted()
                .map(i -> {
                    String text = examples.get(i).text().strip();
                    return new DenseHead.Example(text.length() <= EXAMPLE_CHARS ? text : text.substring(0, EXAMPLE_CHARS), x[i]);
                }).toList();
    }

    private static boolean[] labels(boolean[] ys, int[] rows) {
        boolean[] out = new boolean[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = ys[rows[r]];
        }
        return out;
    }

    private static double[] pick(double[] values, int[] rows) {
        return Arrays.stream(rows).mapToDouble(i -> values[i]).toArray();
    }

    private static float[] weights(double[] w) {
        float[] out = new float[w.length - 1];
        for (int d = 0; d < out.length; d++) {
            out[d] = (float) w[d];
        }
        return out;
    }

    /** Counts at the score 0.5 on the given rows, and the area under the ROC curve of the scores. */
    static Tally tally(double[] scores, boolean[] ys, int[] rows) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i : rows) {
            boolean predicted = scores[i] >= 0.5;
            if (predicted && ys[i]) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (ys[i]) {
                fn++;
            }
        }
        return new Tally(tp, fp, fn, auc(pick(scores, rows), labels(ys, rows)));
    }

    static double auc(double[] scores, boolean[] ys) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        long positives = 0;
        int r = 0;
        while (r < order.length) { // ties share their mean rank
            int end = r;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[r]]) {
                end++;
            }
            double rank = (r + end) / 2.0 + 1;
            for (int k = r; k <= end; k++) {
                if (ys[order[k]]) {
                    rankSum += rank;
                    positives++;
                }
            }
            r = end + 1;
        }
        long negatives = scores.length - positives;
        return positives == 0 || negatives == 0 ? Double.NaN
                : (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }
}
