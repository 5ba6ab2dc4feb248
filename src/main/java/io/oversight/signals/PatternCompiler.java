package io.oversight.signals;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns data-file phrases and regular expressions into compiled, case-insensitive patterns. */
final class PatternCompiler {

    /**
     * Texts are lower-cased before matching (see {@link KeywordMatcher#prepare}), so ASCII case-insensitivity
     * is enough and much faster than Unicode case folding. Non-ASCII letters in data files must be lower case.
     */
    static final int FLAGS = Pattern.CASE_INSENSITIVE;

    private PatternCompiler() {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)\\}");

    /** Replaces {@code {name}} with a non-capturing group of the named vocabulary list. */
    static String expand(String regex, Map<String, List<String>> vocabulary, String where) {
        Matcher m = PLACEHOLDER.matcher(regex);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> words = vocabulary.get(m.group(1));
            if (words == null || words.isEmpty()) {
                throw new IllegalStateException("unknown vocabulary {" + m.group(1) + "} in " + where
                        + " (known: " + vocabulary.keySet() + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement("(?:" + String.join("|", words) + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Pattern regex(String regex, String where) {
        try {
            return Pattern.compile(regex, FLAGS);
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("invalid regex in " + where + ": " + e.getDescription()
                    + " in '" + regex + "'", e);
        }
    }

    /**
     * A phrase matches whole words. Spaces match any run of whitespace or hyphens, a hyphen inside a word
     * is optional ("two-factor" = "two factor" = "twofactor"), an apostrophe is optional ("i'm" = "im"),
     * and a trailing {@code *} on a word matches any word ending ("hack*" = hacked, hacker).
     */
    static Pattern phrase(String phrase, String where) {
        String trimmed = phrase == null ? "" : phrase.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalStateException("empty phrase in " + where);
        }
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
        String[] words = trimmed.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                regex.append("[\\s\\-/]+");
            }
            appendWord(regex, words[i]);
        }
        regex.append("(?![\\p{L}\\p{N}])");
        return regex(regex.toString(), where);
    }

    private static void appendWord(StringBuilder regex, String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '*' && i == word.length() - 1) {
                regex.append("[\\p{L}\\p{N}]*");
            } else if (c == '\'' || c == '\u2019') {
                regex.append("['\u2019]?");
            } else if (c == '-') {
                regex.append("[\\s\\-]?");
            } else if (Character.isLetterOrDigit(c)) {
                regex.append(c);
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
    }
}
