package io.oversight.signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A keyword signal (anger, sensitiveTopic, ...) driven by one data file. */
final class TermDetector {

    /** Only the start of very long texts (pasted email threads) is scanned, to keep detection fast. */
    static final int MAX_TEXT_CHARS = 4000;

    private final String signal;
    private final KeywordMatcher matcher;
    private final ShoutingRule shouting;
    private final List<Pattern> suppress;

    TermDetector(String signal, KeywordMatcher matcher, ShoutingRule shouting, List<Pattern> suppress) {
        this.signal = signal;
        this.matcher = matcher;
        this.shouting = shouting;
        this.suppress = suppress;
    }

    /** The compiled rules (tests). */
    KeywordMatcher matcher() {
        return matcher;
    }

    static TermDetector load(String signal, String resource) {
        RuleFile file = DataFiles.load(resource, RuleFile.class);
        if (!signal.equals(file.signal())) {
            throw new IllegalStateException("signal data file " + resource + " declares signal '" + file.signal()
                    + "' but must declare '" + signal + "'");
        }
        if (file.rules().isEmpty()) {
            throw new IllegalStateException("signal data file " + resource + " has no rules");
        }
        KeywordMatcher matcher = KeywordMatcher.compile(file, resource);
        ShoutingRule shouting = file.shouting() == null ? null : new ShoutingRule(file.shouting());
        List<Pattern> suppress = new ArrayList<>();
        for (int i = 0; i < file.suppress().size(); i++) {
            String where = resource + " suppress " + (i + 1);
            suppress.add(PatternCompiler.regex(PatternCompiler.expand(file.suppress().get(i), file.vocabulary(), where),
                    where));
        }
        return new TermDetector(signal, matcher, shouting, List.copyOf(suppress));
    }

    String signal() {
        return signal;
    }

    /** True when the text matches one of the file's hard negatives for the whole signal. */
    boolean suppressed(String text) {
        if (suppress.isEmpty()) {
            return false;
        }
        String lower = text.replace('\u2019', '\'').toLowerCase(java.util.Locale.ROOT);
        return suppress.stream().anyMatch(p -> p.matcher(lower).find());
    }

    int ruleCount() {
        return matcher.ruleCount();
    }

    /**
     * Scores the customer messages and, when given, the proposed reply text.
     * Each rule counts once, however often it matches.
     */
    Signal detect(List<String> customerTexts, String proposedText) {
        Map<String, Hit> hits = new LinkedHashMap<>();
        for (String text : customerTexts) {
            for (Hit hit : hitsIn(text)) {
                hits.putIfAbsent(hit.key(), hit);
            }
        }
        if (proposedText != null && !proposedText.isBlank()) {
            for (Hit hit : hitsIn(proposedText)) {
                hits.putIfAbsent(hit.key(), hit.inReply());
            }
        }
        List<Hit> evidence = new ArrayList<>(hits.values());
        double score = Scores.combine(evidence.stream().map(Hit::weight).toList());
        List<String> matches = evidence.stream().map(Hit::text).distinct().toList();
        return new Signal(signal, score, matches, Details.forTerms(signal, score, evidence, proposedText != null));
    }

    private List<Hit> hitsIn(String rawText) {
        String limited = rawText.length() > MAX_TEXT_CHARS ? rawText.substring(0, MAX_TEXT_CHARS) : rawText;
        String text = limited.replace('\u2019', '\'');
        KeywordMatcher.Prepared prepared = matcher.prepare(text);
        List<Hit> found = new ArrayList<>(matcher.find(prepared));
        if (shouting != null) {
            found.addAll(shouting.find(prepared.originalCase()));
        }
        return found;
    }
}
