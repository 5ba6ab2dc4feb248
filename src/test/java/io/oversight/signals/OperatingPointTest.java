package io.oversight.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the trainer sets the ensemble's cut: the F-beta optimum, lowered only to meet the bar without breaking it. */
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
    void keepsTheBestTradeOffWhenTheBarWouldCostTooMuchPrecision() {
        List<Boolean> ys = new ArrayList<>();
        double[] s = scores(ys, 400); // below 0.30 every cut lets 400 negatives in
        double cut = SignalModelTrainer.operatingPoint(s, ys);
        assertThat(cut).isEqualTo(SignalModelTrainer.bestThreshold(s, ys));
        assertThat(SignalModelTrainer.recallAt(s, ys, cut)[1]).isGreaterThanOrEqualTo(SignalModelTrainer.TARGET_PRECISION);
    }
}
