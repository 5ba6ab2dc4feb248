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

    private record CompiledRule(String key, Pattern pattern, double weight, String category) {
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
        return new CompiledRule("rule-" + index, pattern, rule.weight(), rule.category());
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
        List<int[]> spans = new ArrayList<>();
        List<CompiledRule> matched = new ArrayList<>();
        for (CompiledRule rule : rules) {
            Matcher m = rule.pattern().matcher(cleaned);
            while (m.find()) {
                if (m.end() > m.start() && !negated(cleaned, m.start())) {
                    spans.add(new int[] {m.start(), m.end()});
                    matched.add(rule);
                    break;
                }
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
