package io.oversight.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a customer message into its sentences, for heads that judge sentence by sentence: a request buried in
 * the middle of a long message ("… could someone ring me? Mornings are best.") is one sentence's business, and a
 * bag of n-grams over the whole message dilutes it.
 */
final class Sentences {

    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?…])\\s+|\\s*[\\r\\n]+\\s*|\\s+[-–—]\\s+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    /** Sentences with fewer words carry no request of their own ("Hi.", "Thanks!"). */
    static final int MIN_WORDS = 2;
    /** Long messages are cut: the features of one text are capped anyway ({@link TextFeatures#MAX_CHARS}). */
    static final int MAX_SENTENCES = 12;

    private Sentences() {
    }

    /** The message's sentences of at least {@link #MIN_WORDS} words; empty when it has fewer than two of them. */
    static List<String> of(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : BOUNDARY.split(text.strip())) {
            if (WORD.matcher(part).results().limit(MIN_WORDS).count() >= MIN_WORDS) {
                out.add(part);
                if (out.size() == MAX_SENTENCES) {
                    break;
                }
            }
        }
        return out.size() < 2 ? List.of() : List.copyOf(out);
    }
}
