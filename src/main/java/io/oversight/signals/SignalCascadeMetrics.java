package io.oversight.signals;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code oversight.signals.messages{judged=embedded|ngram-alone|not-judged}}: how the learned detector judged each
 * new customer message in a language of its sentence encoder. The share of {@code embedded} is what the cascade
 * costs; {@code not-judged} counts messages sent to a person because the encoder was unavailable.
 */
@Component
class SignalCascadeMetrics implements MeterBinder {

    static final String NAME = "oversight.signals.messages";
    private final SignalDetector detector;

    SignalCascadeMetrics(SignalDetector detector) {
        this.detector = detector;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String[] kinds = {"embedded", "ngram-alone", "not-judged"};
        for (int i = 0; i < kinds.length; i++) {
            int index = i;
            FunctionCounter.builder(NAME, detector, d -> d.cascadeCounts()[index])
                    .tag("judged", kinds[i])
                    .description("new customer messages judged by the learned detector, by how")
                    .register(registry);
        }
    }
}
