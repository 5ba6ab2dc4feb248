package io.oversight.signals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Logistic regression for one signal over hashed sparse features: AdaGrad stochastic gradient descent with L2
 * regularisation and positive examples weighted up to balance the classes. Deterministic for a given seed.
 */
final class HeadTrainer {

    record Settings(int epochs, double learningRate, double l2, double maxPositiveWeight, long seed) {

        static Settings defaults() {
            return new Settings(30, 0.05, 0.0, 1.0, 42L);
        }
    }

    private final Settings settings;

    HeadTrainer(Settings settings) {
        this.settings = settings;
    }

    /** Weights (last element is the bias) for the given examples. */
    float[] train(List<TextFeatures.Vector> xs, List<Boolean> ys) {
        int dims = TextFeatures.DIMENSIONS;
        double[] w = new double[dims + 1];
        double[] g2 = new double[dims + 1];
        long positives = ys.stream().filter(b -> b).count();
        long negatives = ys.size() - positives;
        double positiveWeight = positives == 0 ? 1.0
                : Math.min(settings.maxPositiveWeight(), Math.max(1.0, (double) negatives / positives));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            order.add(i);
        }
        Random random = new Random(settings.seed());
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                TextFeatures.Vector x = xs.get(i);
                boolean y = ys.get(i);
                double z = w[dims];
                for (int k = 0; k < x.indices().length; k++) {
                    z += w[x.indices()[k]] * x.values()[k];
                }
                double p = 1.0 / (1.0 + Math.exp(-z));
                double g = (p - (y ? 1.0 : 0.0)) * (y ? positiveWeight : 1.0);
                for (int k = 0; k < x.indices().length; k++) {
                    int j = x.indices()[k];
                    double grad = g * x.values()[k] + settings.l2() * w[j];
                    g2[j] += grad * grad;
                    w[j] -= settings.learningRate() * grad / Math.sqrt(g2[j] + 1e-8);
                }
                g2[dims] += g * g;
                w[dims] -= settings.learningRate() * g / Math.sqrt(g2[dims] + 1e-8);
            }
        }
        float[] out = new float[dims + 1];
        for (int j = 0; j <= dims; j++) {
            out[j] = (float) w[j];
        }
        return out;
    }

    static double probability(float[] weights, TextFeatures.Vector x) {
        double z = weights[weights.length - 1];
        for (int k = 0; k < x.indices().length; k++) {
            z += weights[x.indices()[k]] * x.values()[k];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
