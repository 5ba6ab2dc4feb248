package io.oversight.signals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Words written in CAPITALS (case-sensitive, unlike every other rule). Acronyms on the allow list never count. */
final class ShoutingRule {

    private static final Pattern WORD = Pattern.compile("(?<![\\p{L}\\p{N}])\\p{L}+(?![\\p{L}\\p{N}])");

    private final RuleFile.Shouting config;
    private final Set<String> allow;
    private final Set<String> emphasis;

    ShoutingRule(RuleFile.Shouting config) {
        this.config = config;
        Set<String> allowed = new HashSet<>();
        config.allow().forEach(a -> allowed.add(a.trim().toUpperCase(Locale.ROOT)));
        this.allow = Set.copyOf(allowed);
        Set<String> emphatic = new HashSet<>();
        config.emphasis().forEach(e -> emphatic.add(e.trim().toUpperCase(Locale.ROOT)));
        this.emphasis = Set.copyOf(emphatic);
    }

    List<Hit> find(String text) {
        List<Hit> hits = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int words = 0;
        int shouted = 0;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String word = m.group();
            if (word.length() < 2) {
                continue;
            }
            words++;
            if (word.length() < config.minLength() || !isCapitals(word) || allow.contains(word)) {
                continue;
            }
            shouted++;
            if (seen.add(word)) {
                double weight = emphasis.contains(word) ? config.emphasisWeight()
                        : word.length() >= config.longWordLength() ? config.longWordWeight()
                        : config.shortWordWeight();
                hits.add(new Hit("caps-" + word, word, weight, null, false));
            }
        }
        if (shouted >= config.wholeMessageMinWords()
                && shouted >= config.wholeMessageRatio() * words) {
            hits.add(new Hit("caps-message", "message in capitals", config.wholeMessageWeight(), null, false));
        }
        return hits;
    }

    private static boolean isCapitals(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isUpperCase(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
