package io.oversight.signals;

import java.util.List;
import java.util.Map;

/**
 * The content of one keyword data file ({@code signals/<signal>.yaml}). See the header comment of the
 * files for the format as a policy owner sees it.
 *
 * @param signal     the signal this file feeds; must equal the file name
 * @param vocabulary named lists of regex alternatives, used in rules as {@code {name}}
 * @param ignore    regular expressions for hard negatives, blanked out of the text before any rule runs
 * @param negation  optional negation words that cancel a rule match shortly after them
 * @param rules     weighted phrases or regular expressions
 * @param shouting  optional CAPITALS rule (used by anger)
 * @param suppress  regular expressions for hard negatives of the whole signal: a customer message matching one
 *                  never raises this signal, neither through the rules nor through the learned model
 */
record RuleFile(String signal, Map<String, List<String>> vocabulary, List<String> ignore, Negation negation,
                List<Rule> rules, Shouting shouting, List<String> suppress) {

    RuleFile {
        suppress = suppress == null ? List.of() : List.copyOf(suppress);
        vocabulary = vocabulary == null ? Map.of() : Map.copyOf(vocabulary);
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * One weighted rule: either a {@code phrase} (whole words, case-insensitive, {@code *} suffix wildcard)
     * or a {@code regex} (Java syntax, case-insensitive). {@code category} is optional (e.g. legal/medical).
     */
    record Rule(String phrase, String regex, Double weight, String category) {
    }

    /** Negation words and how many words before a match they reach (same clause only). */
    record Negation(List<String> words, Integer window) {

        Negation {
            words = words == null ? List.of() : List.copyOf(words);
            window = window == null ? 3 : window;
        }
    }

    /**
     * Words written in CAPITALS. Words of {@code minLength}+ letters count {@code shortWordWeight}, words of
     * {@code longWordLength}+ letters count {@code longWordWeight}; {@code allow} lists acronyms that never count.
     * A message written (mostly) in capitals adds {@code wholeMessageWeight}. Words on the {@code emphasis}
     * list ("NOT", "NEVER") count {@code emphasisWeight} when written in capitals.
     */
    record Shouting(Integer minLength, Double shortWordWeight, Integer longWordLength, Double longWordWeight,
                    Integer wholeMessageMinWords, Double wholeMessageRatio, Double wholeMessageWeight,
                    List<String> allow, List<String> emphasis, Double emphasisWeight) {

        Shouting {
            minLength = minLength == null ? 3 : minLength;
            shortWordWeight = shortWordWeight == null ? 0.15 : shortWordWeight;
            longWordLength = longWordLength == null ? 5 : longWordLength;
            longWordWeight = longWordWeight == null ? 0.25 : longWordWeight;
            wholeMessageMinWords = wholeMessageMinWords == null ? 4 : wholeMessageMinWords;
            wholeMessageRatio = wholeMessageRatio == null ? 0.6 : wholeMessageRatio;
            wholeMessageWeight = wholeMessageWeight == null ? 0.5 : wholeMessageWeight;
            allow = allow == null ? List.of() : List.copyOf(allow);
            emphasis = emphasis == null ? List.of() : List.copyOf(emphasis);
            emphasisWeight = emphasisWeight == null ? 0.3 : emphasisWeight;
        }
    }
}
