package io.oversight.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operators see how many new English messages the cascade embedded and how many the n-gram model decided alone. */
class SignalCascadeMetricsTest {

    @Test
    void countsEachNewMessageByHowItWasJudged() {
        SignalDetector detector = new SignalDetector();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new SignalCascadeMetrics(detector).bindTo(registry);

        detector.detect(input("Hi! When will my order o-5521 arrive? (ref metrics-1)"));
        detector.detect(input("Hmm, not sure this is right, something odd with my account"));
        detector.detect(input("Hmm, not sure this is right, something odd with my account")); // cached: not again
        detector.detect(input("Wann kommt meine Bestellung o-5521 an?"));

        assertThat(count(registry, "embedded")).isEqualTo(1.0);
        assertThat(count(registry, "ngram-alone")).isEqualTo(1.0);
        assertThat(count(registry, "not-judged")).isZero();
    }

    private static double count(SimpleMeterRegistry registry, String judged) {
        return registry.get(SignalCascadeMetrics.NAME).tag("judged", judged).functionCounter().count();
    }

    private static SignalInput input(String text) {
        return new SignalInput("REPLY", List.of(new SignalInput.Message("user", text)), "Thanks!", true, null);
    }
}
