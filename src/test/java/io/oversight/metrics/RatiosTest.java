package io.oversight.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatiosTest {

    /**
     * Worked by hand with z = 1.959964 (z² = 3.841459): 2 of 3 gives p = 0.666667,
     * (p + z²/2n + z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n) = (0.666667 + 0.640243 + 1.959964 · √(0.074074 + 0.106707))
     * / 2.280486 = 2.140251 / 2.280486 = 0.938508, rounded up to 0.9386.
     */
    @Test
    void theWilsonUpperBoundMatchesTheHandComputedValues() {
        assertThat(Ratios.wilsonUpper95(2, 3)).isEqualTo(0.9386);
        // 0 of 80: z²/n / (1 + z²/n) = 0.048018 / 1.048018 = 0.045818
        assertThat(Ratios.wilsonUpper95(0, 80)).isEqualTo(0.0459);
        // 1 of 80: (0.0125 + 0.024009 + 1.959964 · √(0.000154 + 0.000150)) / 1.048018 = 0.067463
        assertThat(Ratios.wilsonUpper95(1, 80)).isEqualTo(0.0675);
        assertThat(Ratios.wilsonUpper95(2, 4)).isEqualTo(0.85);
        assertThat(Ratios.wilsonUpper95(5, 5)).isEqualTo(1.0);
        assertThat(Ratios.wilsonUpper95(0, 0)).as("nothing known: anything is possible").isEqualTo(1.0);
    }

    @Test
    void fewerCleanDecisionsThan73CannotShowAnOverrideRateBelowFivePercent() {
        assertThat(Ratios.wilsonUpper95(0, 72)).isGreaterThan(0.05);
        assertThat(Ratios.wilsonUpper95(0, 73)).isLessThanOrEqualTo(0.05);
    }

    @Test
    void theSuggestedSampleRateSeesAsManyCasesAsItTookToJudge() {
        assertThat(WorkflowReadiness.suggestedRate(80, 50, 0.0)).isEqualTo(0.63);
        assertThat(WorkflowReadiness.suggestedRate(100_000, 50, 0.0)).as("at least 1 %").isEqualTo(0.01);
        assertThat(WorkflowReadiness.suggestedRate(1000, 50, 0.2)).as("never below the current rate").isEqualTo(0.2);
        assertThat(WorkflowReadiness.suggestedRate(0, 50, 0.0)).isEqualTo(1.0);
    }
}
