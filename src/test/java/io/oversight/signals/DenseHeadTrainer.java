package io.oversight.signals;

/**
 * Logistic regression over dense, standardised features (sentence embeddings): full-batch Adam on the mean log
 * loss plus L2 on the weights (not the bias). Deterministic: no sampling, a fixed summation order. The settings
 * are the experiment's (docs/signal-experiments.md: L2 0.1 chosen by out-of-fold AUC over 0.01..1.0).
 */
final class DenseHeadTrainer {

    record Settings(int epochs, double learningRate, double l2) {

        static Settings defaults() {
            return new Settings(300, 0.01, 0.1);
        }
    }

    /** Features standardised with the mean and standard deviation of the given rows. */
    record Standardised(float[] mean, float[] sd, double[][] rows) {

        static Standardised of(float[][] x, int[] rows) {
            int dims = x[0].length;
            double[] sum = new double[dims];
            for (int i : rows) {
                for (int d = 0; d < dims; d++) {
                    sum[d] += x[i][d];
                }
            }
            float[] mean = new float[dims];
            for (int d = 0; d < dims; d++) {
                mean[d] = (float) (sum[d] / rows.length);
            }
            double[] squares = new double[dims];
            for (int i : rows) {
                for (int d = 0; d < dims; d++) {
                    double c = x[i][d] - mean[d];
                    squares[d] += c * c;
                }
            }
            float[] sd = new float[dims];
            for (int d = 0; d < dims; d++) {
                sd[d] = (float) (Math.sqrt(squares[d] / rows.length) + 1e-6);
            }
            double[][] standardised = new double[rows.length][dims];
            for (int r = 0; r < rows.length; r++) {
                for (int d = 0; d < dims; d++) {
                    standardised[r][d] = (x[rows[r]][d] - mean[d]) / sd[d];
                }
            }
            return new Standardised(mean, sd, standardised);
        }
    }

    private final Settings settings;

    DenseHeadTrainer(Settings settings) {
        this.settings = settings;
    }

    /** Weights over the standardised features, the bias last. {@code ys[r]} labels {@code data.rows()[r]}. */
    double[] train(Standardised data, boolean[] ys) {
        double[][] x = data.rows();
        int dims = x[0].length;
        double[] w = new double[dims + 1];
        double[] m = new double[dims + 1];
        double[] v = new double[dims + 1];
        double[] g = new double[dims + 1];
        double beta1 = 0.9;
        double beta2 = 0.999;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            java.util.Arrays.fill(g, 0);
            for (int r = 0; r < x.length; r++) {
                double[] row = x[r];
                double z = w[dims];
                for (int d = 0; d < dims; d++) {
                    z += w[d] * row[d];
                }
                double error = 1.0 / (1.0 + Math.exp(-z)) - (ys[r] ? 1 : 0);
                for (int d = 0; d < dims; d++) {
                    g[d] += error * row[d];
                }
                g[dims] += error;
            }
            double correction1 = 1 - Math.pow(beta1, epoch);
            double correction2 = 1 - Math.pow(beta2, epoch);
            for (int j = 0; j <= dims; j++) {
                double gj = g[j] / x.length + (j < dims ? settings.l2() * w[j] : 0);
                m[j] = beta1 * m[j] + (1 - beta1) * gj;
                v[j] = beta2 * v[j] + (1 - beta2) * gj * gj;
                w[j] -= settings.learningRate() * (m[j] / correction1) / (Math.sqrt(v[j] / correction2) + 1e-8);
            }
        }
        return w;
    }

    static double probability(double[] w, float[] mean, float[] sd, float[] x) {
        double z = w[w.length - 1];
        for (int d = 0; d < x.length; d++) {
            z += w[d] * (x[d] - mean[d]) / sd[d];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
