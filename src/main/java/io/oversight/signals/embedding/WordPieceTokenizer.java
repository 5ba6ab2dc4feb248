package io.oversight.signals.embedding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer in plain Java, over a Hugging Face {@code tokenizer.json} (model type
 * {@code WordPiece}, {@code BertNormalizer} with lower-casing, {@code BertPreTokenizer}). It follows the reference
 * implementation step by step: drop control and format characters, map white space to a space, put spaces around
 * CJK ideographs, strip accents (NFD, drop non-spacing marks), lower-case, split on white space and punctuation,
 * then greedy longest-match-first word pieces ({@code ##} continuations), a whole word becoming {@code [UNK]} when
 * it cannot be split or is longer than 100 characters. The ids are {@code [CLS]} ... {@code [SEP]}, truncated to
 * {@code maxTokens} in all. No DJL, no native code.
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
        ObjectMapper mapper = new ObjectMapper();
        try (JsonParser parser = mapper.getFactory().createParser(tokenizerJson)) {
            JsonNode root = mapper.readTree(parser);
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

    int maxTokens() {
        return maxTokens;
    }

    /** Token ids, {@code [CLS]} first and {@code [SEP]} last, at most {@code maxTokens} of them. */
    public long[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        ids.add(cls);
        int room = maxTokens - 2;
        for (String word : words(text == null ? "" : text)) {
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

    /** BertNormalizer then BertPreTokenizer: the words and punctuation marks, normalised. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        String normalized = normalize(text);
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ' ') {
                flush(word, words);
            } else if (isPunctuation(cp)) {
                flush(word, words);
                words.add(new String(Character.toChars(cp)));
            } else {
                word.appendCodePoint(cp);
            }
        }
        flush(word, words);
        return words;
    }

    /** Clean text, space out CJK, strip accents, lower-case: in the reference's order. */
    static String normalize(String text) {
        StringBuilder clean = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
            }
            if (isWhitespace(cp)) {
                clean.append(' ');
            } else if (isCjk(cp)) {
                clean.append(' ').appendCodePoint(cp).append(' ');
            } else {
                clean.appendCodePoint(cp);
            }
        });
        String decomposed = Normalizer.normalize(clean, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(cp -> {
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                return;
            }
            if (cp < 0x80) {
                out.append((char) Character.toLowerCase(cp));
            } else {
                out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT)); // one character at a time, as the reference
            }
        });
        return out.toString();
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    /** Unicode "other" (Cc, Cf, Cs, Co, Cn) except tab, newline and carriage return. */
    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }

    /** Unicode White_Space (control characters among it are already gone). */
    private static boolean isWhitespace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** ASCII punctuation (including $, +, <, =, >, ^, `, |, ~) and Unicode punctuation (P*), not other symbols. */
    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
                || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
                || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
                || t == Character.OTHER_PUNCTUATION;
    }

    /** The CJK Unified Ideographs blocks BERT spaces out (not Hangul, Hiragana or Katakana). */
    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    private int id(String token) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IllegalStateException("the vocabulary has no " + token);
        }
        return id;
    }
}
