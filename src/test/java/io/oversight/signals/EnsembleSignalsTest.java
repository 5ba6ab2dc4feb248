package io.oversight.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.oversight.signals.embedding.DenseHead;
import io.oversight.signals.embedding.SentenceEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped model judges English messages with the n-gram and sentence-embedding heads together. */
class EnsembleSignalsTest {

    private static final LearnedSignals LEARNED = LearnedSignals.fromClasspath(LearnedSignals.MODEL_RESOURCE);
    private static final SignalDetector DETECTOR = new SignalDetector();

    @Test
    void theShippedModelHasADenseHeadPerSignalForEnglish() {
        SignalModel model = LEARNED.model();
        assertThat(model.version()).startsWith("ngram-minilm-");
        assertThat(model.dense().encoder()).isEqualTo(SentenceEncoder.NAME);
        assertThat(model.dense().languages()).containsExactly("en");
        assertThat(model.dense().heads().keySet()).containsExactlyElementsOf(model.heads().keySet());
        assertThat(model.dense().heads().values()).allSatisfy(head -> assertThat(head.examples()).isNotEmpty());
    }

    @Test
    void englishMessagesScoreTheMeanOfBothCalibratedScores() {
        String text = "Someone logged into my account from another country last night, I did not do that.";
        LearnedSignals.Judgement judgement = LEARNED.judge(text);
        assertThat(judgement.language()).isEqualTo("en");
        float[] embedding = SentenceEncoder.shared().join().embed(text);
        TextFeatures.Vector features = TextFeatures.of(text);
        LEARNED.model().heads().forEach((signal, head) -> {
            DenseHead dense = LEARNED.model().dense().heads().get(signal);
            double expected = dense.ensemble(head.calibrated(head.probability(features)), dense.calibrated(embedding));
            assertThat(judgement.scores().get(signal)).as(signal).isEqualTo(Scores.round(expected));
            assertThat(judgement.ensemble().get(signal)).as(signal).startsWith("n-gram ").contains(", sentence embedding ");
        });
        assertThat(judgement.scores().get(Signals.SECURITY_CONCERN)).isGreaterThanOrEqualTo(0.5);
        assertThat(judgement.ensemble().get(Signals.SECURITY_CONCERN)).contains("nearest labelled examples \"");
    }

    @Test
    void otherLanguagesAreScoredByTheNgramModelAlone() {
        String text = "Jemand hat sich gestern Nacht aus dem Ausland in mein Konto eingeloggt.";
        LearnedSignals.Judgement judgement = LEARNED.judge(text);
        assertThat(judgement.language()).isEqualTo("de");
        assertThat(judgement.ensemble()).isEmpty();
        TextFeatures.Vector features = TextFeatures.of(text);
        LEARNED.model().heads().forEach((signal, head) ->
                assertThat(judgement.scores().get(signal)).as(signal).isEqualTo(head.score(head.probability(features))));
    }

    @Test
    void aReviewerSeesBothModelsAndTheNearestLabelledExamples() {
        SignalReport report = DETECTOR.detect(new SignalInput("REPLY", List.of(
                new SignalInput.Message("user", "My account was accessed from another country last night."),
                new SignalInput.Message("assistant", "I'm sorry to hear that, let me check.")),
                "We have locked your account.", true, null));
        Signal security = report.get(Signals.SECURITY_CONCERN);
        assertThat(security.fired()).isTrue();
        assertThat(security.detail()).contains("model " + DETECTOR.modelVersion(), "sentence embedding",
                "nearest labelled examples");
        assertThat(report.language()).isEqualTo("en");
    }
}
