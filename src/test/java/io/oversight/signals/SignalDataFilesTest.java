package io.oversight.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The data files, how their rules are compiled and scored, and how fast the result runs. */
class SignalDataFilesTest {

    private final SignalDetector detector = new SignalDetector();

    @Test
    void unquotedYamlBooleanInDataFileFailsFastWithFileName() {
        assertThatThrownBy(() -> new SignalDetector("signals/invalid-boolean/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("signals/invalid-boolean/anger.yaml")
                .hasMessageContaining("quotes");
    }

    @Test
    void invalidRegexInDataFileFailsFastNamingTheRule() {
        assertThatThrownBy(() -> new SignalDetector("signals/invalid-regex/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("signals/invalid-regex/anger.yaml rule 2");
    }

    @Test
    void weakEvidenceCombinesAndScoresAreRounded() {
        assertThat(Scores.combine(List.of(0.3))).isEqualTo(0.3);
        assertThat(Scores.combine(List.of(0.3, 0.3))).isEqualTo(0.51);
        assertThat(Scores.combine(List.of(0.8, 0.9, 1.0))).isEqualTo(1.0);
        assertThat(Scores.combine(List.of())).isZero();
        assertThat(Scores.combine(List.of(0.123))).isEqualTo(0.12);
    }

    @Test
    void phrasesMatchWholeWordsWithFlexibleHyphensAndApostrophes() {
        var twoFactor = PatternCompiler.phrase("two-factor", "test");
        assertThat(twoFactor.matcher("turn off Two Factor please").find()).isTrue();
        assertThat(twoFactor.matcher("twofactor").find()).isTrue();
        var idiot = PatternCompiler.phrase("idiot*", "test");
        assertThat(idiot.matcher("you IDIOTS").find()).isTrue();
        assertThat(PatternCompiler.phrase("sue", "test").matcher("issue").find()).isFalse();
        assertThat(PatternCompiler.phrase("i'm done", "test").matcher("im done").find()).isTrue();
    }

    @Test
    void vocabularyPlaceholdersExpandAndUnknownOnesAreRejected() {
        Map<String, List<String>> vocabulary = Map.of("bank", List.of("bank", "card issuer"));
        assertThat(PatternCompiler.expand("my {bank} said, {0,3}", vocabulary, "test"))
                .isEqualTo("my (?:bank|card issuer) said, {0,3}");
        assertThatThrownBy(() -> PatternCompiler.expand("my {banks}", vocabulary, "file rule 3"))
                .hasMessageContaining("unknown vocabulary {banks} in file rule 3");
    }
}
