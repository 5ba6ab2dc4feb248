package io.oversight.signals.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SentenceEncoderTest {

    private static final SentenceEncoder ENCODER = SentenceEncoder.shared().join();

    private static double cosine(String a, String b) {
        float[] x = ENCODER.embed(a);
        float[] y = ENCODER.embed(b);
        double dot = 0;
        for (int d = 0; d < x.length; d++) {
            dot += x[d] * y[d];
        }
        return dot;
    }

    @Test
    void embeddingsAreUnitVectorsOfTheModelsWidthAndRepeatable() {
        float[] e = ENCODER.embed("Where is my parcel?");
        assertThat(e).hasSize(SentenceEncoder.DIMENSIONS);
        double norm = 0;
        for (float v : e) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
        assertThat(ENCODER.embed("Where is my parcel?")).containsExactly(e);
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedMessages() {
        double paraphrase = cosine("I want to speak to a real person.", "Can I talk to a human agent please?");
        double unrelated = cosine("I want to speak to a real person.", "What are your opening hours?");
        assertThat(paraphrase).isGreaterThan(unrelated + 0.2);
        assertThat(cosine("Why was I charged twice this month?", "You billed me two times for October"))
                .isGreaterThan(cosine("Why was I charged twice this month?", "My parcel has not arrived yet"));
    }

    @Test
    void veryLongMessagesAreEmbeddedFromTheirFirstTokens() {
        String head = "Someone logged into my account from another country and changed my password. ";
        assertThat(cosine(head + "and then ".repeat(300), head + "and then ".repeat(200))).isCloseTo(1.0, within(1e-6));
    }
}
