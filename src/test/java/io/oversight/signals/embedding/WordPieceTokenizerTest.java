package io.oversight.signals.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with the reference tokenizer. {@code wordpiece-reference.jsonl} holds, for 47 texts (accents, ligatures,
 * emoji and ZWJ sequences, CJK, Cyrillic, Greek, URLs, typos, control and zero-width characters, over-long words,
 * truncation at 128), the ids that Hugging Face's Rust {@code tokenizers} (npm {@code @anush008/tokenizers} 0.6.0,
 * {@code Tokenizer.fromFile} on the model's own {@code all-minilm-l6-v2-q-tokenizer.json}, truncation 128, no
 * padding) produced; they are bert-base-uncased ids.
 */
class WordPieceTokenizerTest {

    private static WordPieceTokenizer tokenizer;

    record Case(String text, long[] ids) {
        @Override
        public String toString() {
            return "\"" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "\"";
        }
    }

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = WordPieceTokenizerTest.class.getClassLoader()
                .getResourceAsStream(SentenceEncoder.TOKENIZER_RESOURCE)) {
            tokenizer = WordPieceTokenizer.read(in, SentenceEncoder.MAX_TOKENS);
        }
    }

    static Stream<Case> reference() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(WordPieceTokenizerTest.class
                .getClassLoader().getResourceAsStream("signals/embedding/wordpiece-reference.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode node = mapper.readTree(line);
                long[] ids = new long[node.get("ids").size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = node.get("ids").get(i).asLong();
                }
                cases.add(new Case(node.get("text").asText(), ids));
            }
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reference")
    void idsMatchTheReferenceTokenizer(Case c) {
        assertThat(tokenizer.encode(c.text())).containsExactly(c.ids());
    }

    @Test
    void accentsAreStrippedAndCaseFolded() {
        assertThat(tokenizer.encode("I want to talk to a human, NOW! Café résumé"))
                .containsExactly(101, 1045, 2215, 2000, 2831, 2000, 1037, 2529, 1010, 2085, 999, 7668, 13746, 102);
        assertThat(tokenizer.encode("CAFE resume")).containsExactly(tokenizer.encode("Café RÉSUMÉ"));
    }

    @Test
    void unknownWordsBecomeOneUnknownToken() {
        assertThat(tokenizer.encode("I love it 😀")).containsExactly(101, 1045, 2293, 2009, 100, 102);
        assertThat(tokenizer.encode("great😀")).containsExactly(101, 100, 102); // the whole word, not just the emoji
        assertThat(tokenizer.encode("a".repeat(101))).containsExactly(101, 100, 102);
    }

    @Test
    void longTextsAreCutAtMaxTokensKeepingClsAndSep() {
        long[] ids = tokenizer.encode("please help me ".repeat(100));
        assertThat(ids).hasSize(SentenceEncoder.MAX_TOKENS);
        assertThat(ids[0]).isEqualTo(101);
        assertThat(ids[ids.length - 1]).isEqualTo(102);
        assertThat(tokenizer.encode(null)).containsExactly(101, 102);
    }
}
