package io.oversight.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The frozen test split measures only what the model never saw: no training message may be the same as a frozen
 * one, or nearly (the same words for three quarters of their union). Only counts are reported, never the texts.
 */
class TrainingLeakTest {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    static final double NEAR = 0.75;

    @Test
    void noTrainingMessageRepeatsAFrozenOne() {
        List<Set<String>> frozen = TrainingSet.readFolder(TrainingSet.testResources().resolve("frozen-test"))
                .stream().map(e -> words(e.text())).toList();
        assertThat(frozen).hasSizeGreaterThan(500);
        long leaks = TrainingSet.training().stream().map(e -> words(e.text()))
                .filter(w -> frozen.stream().anyMatch(f -> jaccard(w, f) >= NEAR)).count();
        assertThat(leaks).as("training messages that (nearly) repeat a frozen test message").isZero();
    }

    @Test
    void theOverlapMeasureCatchesRewordingsThatKeepTheWords() {
        assertThat(jaccard(words("Why was I charged twice this month?"), words("why was i charged twice this month")))
                .isEqualTo(1.0);
        assertThat(jaccard(words("Why was I charged twice this month?"), words("When does my parcel arrive?")))
                .isLessThan(NEAR);
    }

    static Set<String> words(String text) {
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        return m.results().map(r -> r.group()).collect(Collectors.toSet());
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1.0;
        }
        long common = a.stream().filter(b::contains).count();
        return (double) common / (a.size() + b.size() - common);
    }
}
