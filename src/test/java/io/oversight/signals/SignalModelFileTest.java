package io.oversight.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.oversight.signals.embedding.DenseHead;
import io.oversight.signals.embedding.DenseHeads;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The model file keeps both kinds of heads; a format-1 file (n-gram only) still reads. */
class SignalModelFileTest {

    @Test
    void denseHeadsSurviveWritingAndReading() throws IOException {
        float[] weights = new float[TextFeatures.DIMENSIONS];
        weights[7] = 1.5f;
        float[] example = {0.6f, 0.8f, 0f};
        DenseHead dense = new DenseHead(new float[] {0.1f, 0.2f, 0.3f}, new float[] {1f, 2f, 3f},
                new float[] {0.5f, -0.5f, 2f}, -1.25f, 0.4f, 0.45f, 0.21f, 0.9f, 0.6f,
                List.of(new DenseHead.Example("I want a human", example)));
        SignalModel model = new SignalModel("v-test", List.of("en", "de"),
                Map.of(Signals.ANGER, new SignalModel.Head(-2f, 0.12f, weights, true)),
                new DenseHeads("all-minilm-l6-v2-q", List.of("en"), Map.of(Signals.ANGER, dense)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(bytes);

        SignalModel read = SignalModel.read(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(read.version()).isEqualTo("v-test");
        assertThat(read.heads().get(Signals.ANGER).weights()[7]).isCloseTo(1.5f, within(1e-4f));
        DenseHead back = read.dense().heads().get(Signals.ANGER);
        assertThat(back.mean()).containsExactly(dense.mean());
        assertThat(back.sd()).containsExactly(dense.sd());
        assertThat(back.weights()).containsExactly(dense.weights());
        assertThat(back.bias()).isEqualTo(-1.25f);
        assertThat(back.threshold()).isEqualTo(0.4f);
        assertThat(back.ensembleThreshold()).isEqualTo(0.45f);
        assertThat(back.skipBelow()).isEqualTo(0.21f);
        assertThat(back.decidesFrom()).isEqualTo(0.9f);
        assertThat(back.ngramWeight()).isEqualTo(0.6f);
        assertThat(read.heads().get(Signals.ANGER).bySentence()).isTrue();
        assertThat(read.bySentence()).isTrue();
        assertThat(back.examples()).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo("I want a human");
            assertThat(e.embedding()).containsExactly(new float[] {0.6f, 0.8f, 0f}, within(0.01f));
        });
        assertThat(read.dense().covers("en")).isTrue();
        assertThat(read.dense().covers("de")).isFalse();
        assertThat(read.dense().covers(null)).isFalse();
    }

    @Test
    void aFormatOneFileHasNoDenseHeads() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(0x4F56534D);
            out.writeInt(1);
            out.writeUTF("lr-ngram-old");
            out.writeInt(TextFeatures.DIMENSIONS);
            out.writeInt(1);
            out.writeUTF("en");
            out.writeInt(0);
        }
        SignalModel read = SignalModel.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(read.version()).isEqualTo("lr-ngram-old");
        assertThat(read.dense()).isEqualTo(DenseHeads.NONE);
    }

    @Test
    void aHeadBySentenceScoresAMessageByItsMostTellingSentence() {
        float[] weights = new float[TextFeatures.DIMENSIONS];
        for (int i : TextFeatures.of("could someone ring me").indices()) {
            weights[i] = 2f;
        }
        String text = "My order came with a cracked drawer and the photos went in on Monday. Nobody has replied yet. "
                + "Could someone ring me. Mornings are best.";
        List<TextFeatures.Vector> sentences = Sentences.of(text).stream().map(TextFeatures::of).toList();
        assertThat(sentences).hasSize(4);
        SignalModel.Head whole = new SignalModel.Head(-4f, 0.5f, weights, false);
        SignalModel.Head bySentence = new SignalModel.Head(-4f, 0.5f, weights, true);
        TextFeatures.Vector v = TextFeatures.of(text);
        assertThat(whole.probability(v, sentences)).isEqualTo(whole.probability(v));
        assertThat(bySentence.probability(v, sentences)).isGreaterThan(whole.probability(v))
                .isEqualTo(bySentence.probability(sentences.get(2)));
    }

    @Test
    void sentencesAreSplitAtEndsOfSentencesLinesAndDashesKeepingThoseWithWords() {
        assertThat(Sentences.of("Hi. My card was charged twice!\nCan a person check? Thanks"))
                .containsExactly("My card was charged twice!", "Can a person check?");
        assertThat(Sentences.of("Just one sentence here, with a comma")).isEmpty();
        assertThat(Sentences.of(null)).isEmpty();
    }

    @Test
    void theEnsembleMapsItsOwnOperatingPointToOneHalf() {
        DenseHead head = new DenseHead(new float[1], new float[] {1f}, new float[1], 0f, 0.3f, 0.42f, List.of());
        assertThat(head.ensemble(0.40, 0.44)).isCloseTo(0.5, within(1e-6));
        assertThat(head.ensemble(0.0, 0.0)).isZero();
        assertThat(head.ensemble(1.0, 1.0)).isCloseTo(1.0, within(1e-9));
        assertThat(head.ensemble(0.2, 0.3)).isLessThan(0.5);
        assertThat(DenseHead.calibrate(0.3, 0.3)).isCloseTo(0.5, within(1e-9));
    }
}
