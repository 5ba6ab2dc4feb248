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
    void theShippedModelHasACascadeChosenByCrossValidation() {
        LEARNED.model().dense().heads().forEach((signal, head) -> {
            assertThat(head.skipBelow()).as(signal).isGreaterThan(0f).isLessThanOrEqualTo(head.ensembleThreshold());
            assertThat(head.decidesFrom()).as(signal).isEqualTo(DenseHead.decidesFrom(head.ensembleThreshold(), head.ngramWeight()));
        });
    }

    @Test
    void englishMessagesInTheUndecidedBandScoreTheMeanOfBothCalibratedScores() {
        String text = "Hmm, not sure this is right, something odd with my account";
        LearnedSignals.Judgement judgement = LEARNED.judge(text);
        assertThat(judgement.language()).isEqualTo("en");
        assertThat(judgement.embedded()).isTrue();
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
    void aPlainRoutineQuestionIsNotEmbeddedAndScoresAsIfBothModelsAgreed() {
        String text = "Hi! When will my order o-5521 arrive? (ref 7f3a9c)";
        LearnedSignals.Judgement judgement = LEARNED.judge(text);
        assertThat(judgement.language()).isEqualTo("en");
        assertThat(judgement.embedded()).isFalse();
        assertThat(judgement.complete()).isTrue();
        TextFeatures.Vector features = TextFeatures.of(text);
        LEARNED.model().heads().forEach((signal, head) -> {
            DenseHead dense = LEARNED.model().dense().heads().get(signal);
            double ngram = head.calibrated(head.probability(features));
            assertThat(dense.needsEmbedding(ngram)).as(signal).isFalse();
            assertThat(judgement.scores().get(signal)).as(signal)
                    .isEqualTo(Scores.round(dense.withoutEmbedding(ngram))).isLessThan(0.5);
            assertThat(judgement.ensemble().get(signal)).as(signal).contains("decides alone");
        });
    }

    @Test
    void theCascadeIsExactFromItsUpperCut() {
        DenseHead head = LEARNED.model().dense().heads().get(Signals.ANGER);
        double sure = head.decidesFrom();
        assertThat(sure).isLessThanOrEqualTo(1.0);
        assertThat(head.needsEmbedding(sure)).isFalse();
        assertThat(head.ensemble(sure, 0.0)).isGreaterThanOrEqualTo(0.5 - 1e-6); // fires whatever the embedding says
        assertThat(head.withoutEmbedding(sure)).isGreaterThanOrEqualTo(0.5);
        assertThat(head.needsEmbedding(sure - 0.01)).isTrue();
        assertThat(head.needsEmbedding(head.skipBelow())).isTrue();
        assertThat(head.needsEmbedding(head.skipBelow() - 0.01)).isFalse();
        assertThat(head.withoutEmbedding(head.skipBelow() - 0.01)).isLessThan(0.5);
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
                new SignalInput.Message("user", "Hmm, not sure this is right, something odd with my account"),
                new SignalInput.Message("assistant", "I'm sorry to hear that, let me check.")),
                "We have locked your account.", true, null));
        Signal security = report.get(Signals.SECURITY_CONCERN);
        assertThat(security.fired()).isTrue();
        assertThat(security.detail()).contains("model " + DETECTOR.modelVersion(), "sentence embedding",
                "nearest labelled examples");
        assertThat(report.language()).isEqualTo("en");
    }

    @Test
    void whenTheNgramModelDecidesAloneTheReviewerSeesItsEvidenceAndWhy() {
        SignalReport report = DETECTOR.detect(new SignalInput("REPLY", List.of(
                new SignalInput.Message("user", "My account was accessed from another country last night.")),
                "We have locked your account.", true, null));
        Signal security = report.get(Signals.SECURITY_CONCERN);
        assertThat(security.fired()).isTrue();
        assertThat(security.detail()).contains("model " + DETECTOR.modelVersion(), "decides alone", "account");
    }
}
