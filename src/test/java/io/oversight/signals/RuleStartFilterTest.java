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
    void theFirstCharactersAreReadOnlyFromPlainSources() {
        boolean[] talk = FirstChars.of("(talk|speak|chat)( directly)? (to|with) someone");
        assertThat(talk).isNotNull();
        assertThat(talk['t']).isTrue();
        assertThat(talk['s']).isTrue();
        assertThat(talk['c']).isTrue();
        assertThat(talk['a']).isFalse();
        boolean[] nested = FirstChars.of("(?:(get|give)|need) (me )?a human");
        assertThat(nested['g']).isTrue();
        assertThat(nested['n']).isTrue();
        assertThat(FirstChars.of("Refund")['r']).isTrue();
        assertThat(FirstChars.of("(a |an )?human")).as("an optional first group").isNull();
        assertThat(FirstChars.of("a?human")).isNull();
        assertThat(FirstChars.of("[a-z]+ fee")).isNull();
        assertThat(FirstChars.of("(\\w+|fee)")).isNull();
        assertThat(FirstChars.of("(?i)fee")).isNull();
        assertThat(FirstChars.of("(fee|)")).isNull();
        assertThat(FirstChars.atBoundary("\\bfee\\b|\\bcharge")).isTrue();
        assertThat(FirstChars.atBoundary("\\bfee|charge")).as("an alternative without a boundary").isFalse();
        boolean[] both = FirstChars.afterBoundary("\\b(no idea|not sure) what|\\bhave no idea");
        assertThat(both['n']).isTrue();
        assertThat(both['h']).isTrue();
    }

    @Test
    void boundariesAreASupersetOfTheWordBoundaries() {
        assertThat(KeywordMatcher.boundaries("hi there")).containsExactly(0, 2, 3, 8);
        assertThat(KeywordMatcher.boundaries("é")).containsExactly(0, 1);
        assertThat(KeywordMatcher.boundaries("")).containsExactly(0);
    }
}
