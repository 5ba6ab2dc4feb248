package io.oversight.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The word lists try a rule only where a match can start (a phrase's leading letters, a word boundary); on every
 * labelled message, in six languages, they find exactly what a plain {@code find()} over the text finds.
 */
class RuleStartFilterTest {

    @Test
    void theStartFilterFindsWhatAPlainSearchFindsOnEveryLabelledMessage() {
        List<String> texts = new ArrayList<>(TrainingSet.training().stream().map(TrainingSet.Example::text).toList());
        texts.addAll(List.of("", "a", "I'M FURIOUS!!! Ünïcödé café — naïve façade, ſtraße, İstanbul", "x\u0301hack",
                "__hack__", "fraud_team", "re-hack", "hack", "...lawyer", "Lawyer's letter", "don't hack me"));
        int rulesCompared = 0;
        for (String signal : SignalDetector.CUSTOMER_SIGNALS) {
            KeywordMatcher matcher = TermDetector.load(signal, SignalDetector.DEFAULT_LOCATION + signal + ".yaml")
                    .matcher();
            for (String text : texts) {
                KeywordMatcher.Prepared prepared = matcher.prepare(text);
                List<int[]> plain = matcher.plainMatches(prepared);
                List<int[]> filtered = matcher.filteredMatches(prepared);
                assertThat(filtered).hasSameSizeAs(plain);
                for (int i = 0; i < plain.size(); i++) {
                    assertThat(filtered.get(i)).as("%s rule %d on \"%s\"", signal, i, text).isEqualTo(plain.get(i));
                }
                rulesCompared += plain.size();
            }
        }
        assertThat(rulesCompared).isGreaterThan(1_000_000);
    }

    @Test
    void boundariesAreASupersetOfTheWordBoundaries() {
        assertThat(KeywordMatcher.boundaries("hi there")).containsExactly(0, 2, 3, 8);
        assertThat(KeywordMatcher.boundaries("é")).containsExactly(0, 1);
        assertThat(KeywordMatcher.boundaries("")).containsExactly(0);
    }
}
