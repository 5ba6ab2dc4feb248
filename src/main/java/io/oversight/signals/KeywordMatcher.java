package io.oversight.signals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The compiled form of a {@link RuleFile}: ignore spans, negation and weighted rules. */
final class KeywordMatcher {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private static final String CLAUSE_BREAKS = ".,;:!?\n()";

    /**
     * A rule and where a match of it can start: at an occurrence of {@code prefix} (a phrase's leading letters,
     * lower-case), at a word boundary ({@code atBoundary}, a regex that begins with {@code \b}), or anywhere.
     */
    private record CompiledRule(String key, Pattern pattern, double weight, String category, String prefix,
                                boolean atBoundary, boolean[] firstChars) {
    }

    private final List<Pattern> ignore;
    private final List<CompiledRule> rules;
    private final Set<String> negationWords;
    private final int negationWindow;

    private KeywordMatcher(List<Pattern> ignore, List<CompiledRule> rules, Set<String> negationWords,
                           int negationWindow) {
        this.ignore = ignore;
        this.rules = rules;
        this.negationWords = negationWords;
        this.negationWindow = negationWindow;
    }

    static KeywordMatcher compile(RuleFile file, String where) {
        List<Pattern> ignore = new ArrayList<>();
        for (String regex : file.ignore()) {
            String expanded = PatternCompiler.expand(regex, file.vocabulary(), where + " (ignore)");
            ignore.add(PatternCompiler.regex(expanded, where + " (ignore)"));
        }
        List<CompiledRule> rules = new ArrayList<>();
        for (int i = 0; i < file.rules().size(); i++) {
            rules.add(compileRule(file.rules().get(i), file.vocabulary(), where + " rule " + (i + 1), i));
        }
        Set<String> negation = new HashSet<>();
        int window = 0;
        if (file.negation() != null) {
            file.negation().words().forEach(w -> negation.add(normalizeWord(w)));
            window = Math.max(0, file.negation().window());
        }
        return new KeywordMatcher(List.copyOf(ignore), List.copyOf(rules), Set.copyOf(negation), window);
    }

    private static CompiledRule compileRule(RuleFile.Rule rule, Map<String, List<String>> vocabulary,
                                            String where, int index) {
        if (rule == null || (rule.phrase() == null) == (rule.regex() == null)) {
            throw new IllegalStateException(where + ": give exactly one of 'phrase' or 'regex'");
        }
        if (rule.weight() == null || rule.weight() <= 0.0 || rule.weight() > 1.0) {
            throw new IllegalStateException(where + ": 'weight' must be within (0, 1] but was " + rule.weight());
        }
        Pattern pattern = rule.phrase() != null
                ? PatternCompiler.phrase(rule.phrase(), where)
                : PatternCompiler.regex(PatternCompiler.expand(rule.regex(), vocabulary, where), where);
        String prefix = rule.phrase() != null ? leadingLetters(rule.phrase()) : "";
        boolean atBoundary = rule.regex() != null && FirstChars.atBoundary(pattern.pattern());
        return new CompiledRule("rule-" + index, pattern, rule.weight(), rule.category(),
                prefix.isEmpty() ? null : prefix, atBoundary,
                atBoundary ? FirstChars.afterBoundary(pattern.pattern()) : null);
    }

    /** The letters and digits a phrase starts with, lower-case: every match of its pattern starts with them. */
    private static String leadingLetters(String phrase) {
        String trimmed = phrase.trim();
        int end = 0;
        while (end < trimmed.length() && trimmed.charAt(end) < 128 && Character.isLetterOrDigit(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end).toLowerCase(Locale.ROOT);
    }

    int ruleCount() {
        return rules.size();
    }

    /**
     * A text ready for matching: lower-cased char by char (so positions match the original) and with the
     * hard negatives blanked out, both in the lower-cased and in the original spelling.
     */
    record Prepared(String original, String lower, String originalCase) {
    }

    Prepared prepare(String text) {
        char[] original = text.toCharArray();
        char[] lower = new char[original.length];
        for (int i = 0; i < original.length; i++) {
            lower[i] = Character.toLowerCase(original[i]);
        }
        String lowered = new String(lower);
        for (Pattern pattern : ignore) {
            Matcher m = pattern.matcher(lowered);
            while (m.find()) {
                for (int i = m.start(); i < m.end(); i++) {
                    lower[i] = ' ';
                    original[i] = ' ';
                }
            }
        }
        return new Prepared(text, new String(lower), new String(original));
    }

    /**
     * The first non-negated match of every rule in the prepared text. When two matches share words ("joke" inside
     * "is a joke", or "early termination" and "termination fee" in "early termination fee"), only the stronger of
     * the two counts, so the same words are not counted twice.
     */
    List<Hit> find(Prepared text) {
        String cleaned = text.lower();
        int[] boundaries = boundaries(cleaned);
        List<int[]> spans = new ArrayList<>();
        List<CompiledRule> matched = new ArrayList<>();
        for (CompiledRule rule : rules) {
            int[] span = firstMatch(rule, cleaned, boundaries);
            if (span != null) {
                spans.add(span);
                matched.add(rule);
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            if (!outweighedByOverlapping(spans, matched, i)) {
                CompiledRule rule = matched.get(i);
                String words = text.original().substring(spans.get(i)[0], spans.get(i)[1]).trim();
                hits.add(new Hit(rule.key(), words, rule.weight(), rule.category(), false));
            }
        }
        return hits;
    }

    /**
     * The first non-empty, non-negated match of the rule, as {@code find()} from the start would report it; but the
     * pattern is tried only where a match can start (after its phrase's leading letters, or at a word boundary),
     * which spares most of the regular-expression work on a message. Bounds are transparent, so look-behinds and
     * {@code \b} see the text before the position tried.
     */
    private int[] firstMatch(CompiledRule rule, String text, int[] boundaries) {
        if (rule.prefix() == null && !rule.atBoundary()) {
            return plainFirstMatch(rule, text);
        }
        Matcher m = rule.pattern().matcher(text);
        m.useTransparentBounds(true).useAnchoringBounds(false);
        int from = 0;
        int b = 0;
        while (from <= text.length()) {
            int at;
            if (rule.prefix() != null) {
                at = text.indexOf(rule.prefix(), from);
                if (at < 0) {
                    return null;
                }
            } else {
                while (b < boundaries.length && boundaries[b] < from) {
                    b++;
                }
                if (b == boundaries.length) {
                    return null;
                }
                at = boundaries[b];
                boolean[] first = rule.firstChars();
                if (first != null && (at == text.length() || text.charAt(at) >= 128 || !first[text.charAt(at)])) {
                    from = at + 1;
                    continue;
                }
            }
            m.region(at, text.length());
            if (m.lookingAt()) {
                if (m.end() > m.start() && !negated(text, m.start())) {
                    return new int[] {m.start(), m.end()};
                }
                from = Math.max(m.end(), at + 1);
            } else {
                from = at + 1;
            }
        }
        return null;
    }

    /**
     * Every position where {@code \b} can hold: the ends of the text and where an ASCII word character meets
     * an ASCII non-word character, plus every position next to a non-ASCII character (whose class the engine
     * decides itself). A superset of the word boundaries, so no match is missed.
     */
    static int[] boundaries(String text) {
        int[] out = new int[text.length() + 1];
        int n = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == 0 || i == text.length()) {
                out[n++] = i;
                continue;
            }
            char before = text.charAt(i - 1);
            char at = text.charAt(i);
            if (before >= 128 || at >= 128 || asciiWord(before) != asciiWord(at)) {
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean asciiWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** The first non-empty, non-negated match of the rule by {@code find()} over the whole text. */
    private int[] plainFirstMatch(CompiledRule rule, String text) {
        Matcher m = rule.pattern().matcher(text);
        while (m.find()) {
            if (m.end() > m.start() && !negated(text, m.start())) {
                return new int[] {m.start(), m.end()};
            }
        }
        return null;
    }

    /** For tests: the first non-negated match of every rule found the plain way, {@code find()} over the text. */
    List<int[]> plainMatches(Prepared text) {
        return rules.stream().map(rule -> plainFirstMatch(rule, text.lower())).toList();
    }

    /** For tests: the same through the start filter. */
    List<int[]> filteredMatches(Prepared text) {
        int[] boundaries = boundaries(text.lower());
        return rules.stream().map(rule -> firstMatch(rule, text.lower(), boundaries)).toList();
    }

    private static boolean outweighedByOverlapping(List<int[]> spans, List<CompiledRule> rules, int i) {
        for (int j = 0; j < spans.size(); j++) {
            if (j == i || !overlapping(spans.get(i), spans.get(j))) {
                continue;
            }
            double mine = rules.get(i).weight();
            double theirs = rules.get(j).weight();
            if (theirs > mine || (theirs == mine && j < i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlapping(int[] a, int[] b) {
        return a[0] < b[1] && b[0] < a[1];
    }

    private boolean negated(String text, int matchStart) {
        if (negationWindow == 0 || negationWords.isEmpty()) {
            return false;
        }
        int clauseStart = matchStart;
        while (clauseStart > 0 && CLAUSE_BREAKS.indexOf(text.charAt(clauseStart - 1)) < 0) {
            clauseStart--;
        }
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.substring(clauseStart, matchStart));
        while (m.find()) {
            words.add(normalizeWord(m.group()));
        }
        for (int i = Math.max(0, words.size() - negationWindow); i < words.size(); i++) {
            if (negationWords.contains(words.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static String normalizeWord(String word) {
        // apostrophes are dropped so "didnt" (a common typo) equals "didn't"
        return word.trim().toLowerCase(Locale.ROOT).replace("\u2019", "").replace("'", "");
    }
}
