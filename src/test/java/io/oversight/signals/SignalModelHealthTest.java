package io.oversight.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import io.oversight.signals.embedding.SentenceEncoder;
import org.junit.jupiter.api.Test;

/** The learned model reports whether its sentence encoder can judge: loading, loaded, or failed. */
class SignalModelHealthTest {

    private static LearnedSignals withEncoder(CompletableFuture<SentenceEncoder> encoder) throws IOException {
        try (InputStream in = LearnedSignals.class.getClassLoader().getResourceAsStream(LearnedSignals.MODEL_RESOURCE)) {
            return new LearnedSignals(SignalModel.read(in), new LanguageGuard(), encoder);
        }
    }

    @Test
    void theEncoderStateFollowsItsLoading() throws IOException {
        CompletableFuture<SentenceEncoder> loading = new CompletableFuture<>();
        assertThat(withEncoder(loading).encoderState()).isEqualTo(LearnedSignals.EncoderState.LOADING);
        assertThat(withEncoder(CompletableFuture.failedFuture(new IllegalStateException("no natives"))).encoderState())
                .isEqualTo(LearnedSignals.EncoderState.FAILED);
        assertThat(withEncoder(SentenceEncoder.shared()).encoderState()).isIn(LearnedSignals.EncoderState.LOADING,
                LearnedSignals.EncoderState.UP);
        SentenceEncoder.shared().join();
        assertThat(withEncoder(SentenceEncoder.shared()).encoderState()).isEqualTo(LearnedSignals.EncoderState.UP);
    }

    @Test
    void withoutItsEncoderTheDetectorSendsUndecidedEnglishMessagesToAPerson() throws IOException {
        SignalDetector detector = new SignalDetector(SignalDetector.DEFAULT_LOCATION,
                withEncoder(CompletableFuture.failedFuture(new IllegalStateException("no natives"))));
        SignalReport undecided = detector.detect(input("Hmm, not sure this is right, something odd with "
                + "my account"));
        assertThat(undecided.languageCovered()).isFalse();
        assertThat(undecided.notJudged()).contains("sentence encoder is unavailable");
        assertThat(undecided.get(Signals.SECURITY_CONCERN).detail()).contains("the sentence encoder is unavailable");

        SignalReport routine = detector.detect(input("Hi! When will my order o-5521 arrive?"));
        assertThat(routine.languageCovered()).as("the n-gram scores decide a plain question alone").isTrue();
        assertThat(routine.notJudged()).isNull();
        SignalReport german = detector.detect(input("Jemand hat sich gestern Nacht in mein Konto eingeloggt."));
        assertThat(german.languageCovered()).as("other languages never need the encoder").isTrue();
        detector.detect(input("Hmm, not sure this is right, something odd with my account"));
        assertThat(detector.cascadeCounts()).as("an unjudged message is not cached: judged again, counted again")
                .containsExactly(0L, 1L, 2L);
    }

    private static SignalInput input(String customerText) {
        return new SignalInput("REPLY", java.util.List.of(new SignalInput.Message("user", customerText)),
                "Thanks for your message.", true, null);
    }

    @Test
    void theShippedDetectorBecomesReadyAndReportsItThroughReadiness() {
        SignalDetector detector = new SignalDetector();
        SentenceEncoder.shared().join();
        assertThat(detector.ready()).isTrue();
        assertThat(detector.notReadyReason()).isNull();
        var health = new SignalModelHealth(detector).health();
        assertThat(health.getStatus().getCode()).isEqualTo("UP");
        assertThat(health.getDetails()).containsEntry("model", detector.modelVersion());
    }
}
