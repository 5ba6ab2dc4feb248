package io.oversight.signals.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer in plain Java, over a Hugging Face {@code tokenizer.json} (model type
 * {@code WordPiece}, {@code BertNormalizer} with lower-casing, {@code BertPreTokenizer}): the words of
 * {@link BertPreTokenizer}, then greedy longest-match-first word pieces ({@code ##} continuations), a whole word
 * becoming {@code [UNK]} when it cannot be split or is longer than 100 characters. The ids are {@code [CLS]} ...
 * {@code [SEP]}, truncated to {@code maxTokens} in all, as the reference truncates. No DJL, no native code.
 */
public final class WordPieceTokenizer {

    private static final int MAX_CHARS_PER_WORD = 100;

    private final Map<String, Integer> vocabulary;
    private final int cls;
    private final int sep;
    private final int unknown;
    private final int maxTokens;

    WordPieceTokenizer(Map<String, Integer> vocabulary, int maxTokens) {
        if (maxTokens < 3) {
            throw new IllegalArgumentException("maxTokens must leave room for [CLS], a token and [SEP]: " + maxTokens);
        }
        this.vocabulary = Map.copyOf(vocabulary);
        this.cls = id("[CLS]");
        this.sep = id("[SEP]");
        this.unknown = id("[UNK]");
        this.maxTokens = maxTokens;
    }

    /** Reads the vocabulary of a {@code tokenizer.json} and checks that it describes an uncased BERT WordPiece. */
    public static WordPieceTokenizer read(InputStream tokenizerJson, int maxTokens) {
        try (tokenizerJson) {
            JsonNode root = new ObjectMapper().readTree(tokenizerJson);
            JsonNode model = root.path("model");
            JsonNode normalizer = root.path("normalizer");
            if (!"WordPiece".equals(model.path("type").asText()) || !"##".equals(model.path("continuing_subword_prefix").asText())
                    || !"BertNormalizer".equals(normalizer.path("type").asText()) || !normalizer.path("lowercase").asBoolean()
                    || !"BertPreTokenizer".equals(root.path("pre_tokenizer").path("type").asText())) {
                throw new IllegalStateException("not an uncased BERT WordPiece tokenizer.json");
            }
            Map<String, Integer> vocabulary = new HashMap<>(40_000);
            model.path("vocab").fields().forEachRemaining(e -> vocabulary.put(e.getKey(), e.getValue().asInt()));
            return new WordPieceTokenizer(vocabulary, maxTokens);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer", e);
        }
    }

    /** Token ids, {@code [CLS]} first and {@code [SEP]} last, at most {@code maxTokens} of them. */
    public long[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        ids.add(cls);
        int room = maxTokens - 2;
        for (String word : BertPreTokenizer.words(text == null ? "" : text)) {
            for (int piece : pieces(word)) {
                if (ids.size() > room) {
                    break;
                }
                ids.add(piece);
            }
            if (ids.size() > room) {
                break;
            }
        }
        ids.add(sep);
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i);
        }
        return out;
    }

    private List<Integer> pieces(String word) {
        if (word.codePointCount(0, word.length()) > MAX_CHARS_PER_WORD) {
            return List.of(unknown);
        }
        List<Integer> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            Integer found = null;
            int end = word.length();
            while (start < end) {
                Integer id = vocabulary.get(start > 0 ? "##" + word.substring(start, end) : word.substring(start, end));
                if (id != null) {
                    found = id;
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (found == null) {
                return List.of(unknown);
            }
            pieces.add(found);
            start = end;
        }
        return pieces;
    }

    private int id(String token) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IllegalStateException("the vocabulary has no " + token);
        }
        return id;
    }
}
