package io.oversight.signals.embedding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One signal's logistic head over a sentence embedding, and how its score joins the n-gram model's. The features
 * are standardised ({@code (x - mean) / sd}, both from the training data); {@code threshold} is the probability
 * that becomes the calibrated score 0.5 (the head's own operating point, chosen by cross-validation), and
 * {@code ensembleThreshold} the mean of the two models' calibrated scores that becomes the final 0.5.
 * {@code examples} are labelled training messages of the signal, kept to name the nearest ones as evidence.
 *
 * <p>The cascade: a message needs its embedding for this signal only while the n-gram model's calibrated score lies
 * in {@code [skipBelow, decidesFrom)}. From {@code decidesFrom} on the ensemble fires whatever the embedding says
 * (the ensemble's cut divided by the n-gram weight, so this side is exact); below {@code skipBelow} the embedding, in
 * cross-validation, almost never turned the outcome (the cut is chosen by the trainer on out-of-fold scores and
 * recorded in MODEL.md). A head without a cascade ({@link #NO_SKIP}, {@link #NEVER_DECIDES}) always needs it.
 */
public record DenseHead(float[] mean, float[] sd, float[] weights, float bias, float threshold,
                        float ensembleThreshold, float skipBelow, float decidesFrom, float ngramWeight,
                        List<Example> examples) {

    /** {@code ngramWeight} of the plain mean of both models. */
    public static final float EQUAL_WEIGHT = 0.5f;

    /** {@code skipBelow} of a head that never lets the n-gram model judge alone. */
    public static final float NO_SKIP = 0f;
    /** {@code decidesFrom} of a head that never lets the n-gram model judge alone. */
    public static final float NEVER_DECIDES = 2f;

    /** A labelled training message and its unit-length embedding. */
    public record Example(String text, float[] embedding) {
    }

    /** A training example and its cosine similarity to the message at hand. */
    public record Nearest(String text, double similarity) {
    }

    public DenseHead {
        Objects.requireNonNull(mean, "mean");
        if (sd.length != mean.length || weights.length != mean.length) {
            throw new IllegalArgumentException("mean, sd and weights differ in length");
        }
        examples = List.copyOf(examples);
    }

    /** A head without a cascade: every message of its languages is embedded. */
    public DenseHead(float[] mean, float[] sd, float[] weights, float bias, float threshold, float ensembleThreshold,
                     List<Example> examples) {
        this(mean, sd, weights, bias, threshold, ensembleThreshold, NO_SKIP, NEVER_DECIDES, EQUAL_WEIGHT, examples);
    }

    /** Whether, for this n-gram calibrated score, the embedding can change whether the signal fires. */
    public boolean needsEmbedding(double ngramCalibrated) {
        return ngramCalibrated >= skipBelow && ngramCalibrated < decidesFrom;
    }

    /**
     * The final score when the message was not embedded: the ensemble as if both models agreed. Below
     * {@code skipBelow} (never above the ensemble's cut) it stays under 0.5, from {@code decidesFrom} it is over.
     */
    public double withoutEmbedding(double ngramCalibrated) {
        return ensemble(ngramCalibrated, ngramCalibrated);
    }

    /**
     * The n-gram score from which the ensemble fires whatever the embedding: the weighted mean reaches the cut with
     * a dense score of 0 once {@code ngramWeight · n-gram ≥ cut}.
     */
    public static float decidesFrom(double ensembleThreshold, double ngramWeight) {
        return (float) (Math.min(0.99, Math.max(0.01, ensembleThreshold)) / ngramWeight);
    }

    public double probability(float[] embedding) {
        double z = bias;
        for (int d = 0; d < weights.length; d++) {
            z += weights[d] * (embedding[d] - mean[d]) / sd[d];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** This head's calibrated score: its operating point at 0.5. */
    public double calibrated(float[] embedding) {
        return calibrate(probability(embedding), threshold);
    }

    /**
     * The final score: the weighted mean of both models' calibrated scores ({@code ngramWeight} for the n-gram
     * model's, chosen by cross-validation; 0.5 is the plain mean), its operating point at 0.5.
     */
    public double ensemble(double ngramCalibrated, double denseCalibrated) {
        return calibrate(ngramWeight * ngramCalibrated + (1 - ngramWeight) * denseCalibrated, ensembleThreshold);
    }

    /** Piecewise-linear: 0..cut to 0..0.5 and cut..1 to 0.5..1 (cut kept within 0.01..0.99). */
    public static double calibrate(double value, double cut) {
        double t = Math.min(0.99, Math.max(0.01, cut));
        return value < t ? 0.5 * value / t : 0.5 + 0.5 * (value - t) / (1.0 - t);
    }

    /** The {@code limit} labelled examples most similar to the embedding, most similar first. */
    public List<Nearest> nearest(float[] embedding, int limit) {
        List<Nearest> all = new ArrayList<>(examples.size());
        for (Example example : examples) {
            double dot = 0;
            float[] e = example.embedding();
            for (int d = 0; d < e.length; d++) {
                dot += e[d] * embedding[d];
            }
            all.add(new Nearest(example.text(), dot));
        }
        all.sort(Comparator.comparingDouble(Nearest::similarity).reversed());
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }
}
