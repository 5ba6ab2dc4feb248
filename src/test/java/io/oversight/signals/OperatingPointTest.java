package io.oversight.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the trainer sets the ensemble's cut: a cut that meets the bar on cross-validation if one exists, else F-beta. */
class OperatingPointTest {

    /** 100 positives scored 0.01..1.00 and {@code negatives} negatives scored just below 0.30. */
    private static double[] scores(List<Boolean> ys, int negatives) {
        List<Double> s = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            s.add(i / 100.0);
            ys.add(true);
        }
        for (int i = 0; i < negatives; i++) {
            s.add(0.295);
            ys.add(false);
        }
        return s.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void lowersTheCutToReachTheRecallBarWhenPrecisionHolds() {
        List<Boolean> ys = new ArrayList<>();
        double[] s = scores(ys, 0);
        double best = SignalModelTrainer.bestThreshold(s, ys);
        double cut = SignalModelTrainer.operatingPoint(s, ys);
        assertThat(SignalModelTrainer.recallAt(s, ys, cut)[0]).isGreaterThanOrEqualTo(SignalModelTrainer.TARGET_RECALL);
        assertThat(cut).isLessThanOrEqualTo(best);
        assertThat(SignalModelTrainer.recallAt(s, ys, cut + 0.01)[0]).isLessThan(SignalModelTrainer.TARGET_RECALL);
    }

    @Test
    void raisesTheCutToReachThePrecisionBarWhenRecallHolds() {
        List<Boolean> ys = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // 96 positives at 0.80, 2 at 0.40, 2 at 0.10
            s.add(i < 96 ? 0.80 : i < 98 ? 0.40 : 0.10);
            ys.add(true);
        }
        for (int i = 0; i < 13; i++) { // 9 negatives at 0.80, 4 at 0.40: F-beta takes them for two more positives
            s.add(i < 9 ? 0.80 : 0.40);
            ys.add(false);
        }
        double[] scores = s.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(SignalModelTrainer.recallAt(scores, ys, SignalModelTrainer.bestThreshold(scores, ys))[1])
                .isLessThan(SignalModelTrainer.TARGET_PRECISION);
        double cut = SignalModelTrainer.operatingPoint(scores, ys);
        double[] rp = SignalModelTrainer.recallAt(scores, ys, cut);
        assertThat(rp[0]).isGreaterThanOrEqualTo(SignalModelTrainer.TARGET_RECALL);
        assertThat(rp[1]).isGreaterThanOrEqualTo(SignalModelTrainer.TARGET_PRECISION);
    }

    @Test
    void keepsTheBestTradeOffWhenTheBarWouldCostTooMuchPrecision() {
        List<Boolean> ys = new ArrayList<>();
        double[] s = scores(ys, 400); // below 0.30 every cut lets 400 negatives in
        double cut = SignalModelTrainer.operatingPoint(s, ys);
        assertThat(cut).isEqualTo(SignalModelTrainer.bestThreshold(s, ys));
        assertThat(SignalModelTrainer.recallAt(s, ys, cut)[1]).isGreaterThanOrEqualTo(SignalModelTrainer.TARGET_PRECISION);
    }
}
