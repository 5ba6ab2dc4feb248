package io.oversight.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a new user tries first: the messages quoted in issue 8 (missed by the word lists of an earlier round), each
 * sent as the chat-completion role {@code user}, must raise their signal; the routine question about a fee must
 * not. A regression guard, not a measure of quality (that is {@link SignalQualityTest} on the frozen split).
 */
class IssueExamplesTest {

    private static final SignalDetector DETECTOR = new SignalDetector();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            humanRequested   | can you help me contacting an operator?
            humanRequested   | I'm trying to contact a human agent
            humanRequested   | need to speak with an assistant
            humanRequested   | can I talkk to someone?
            humanRequested   | Let me talk to your boss.
            humanRequested   | Is there anyone there who isn't a machine?
            anger            | I have never been so angry with a company in my life.
            securityConcern  | My account was accessed from another country last night.
            billingDispute   | The £49.99 charge on 3 March isn't mine.
            billingDispute   | Why was I charged twice this month?
            sensitiveTopic   | My son came out in red blotches after using the cream, should I keep using it?
            anger            | Ich bin wirklich stinksauer, das ist das dritte Mal, dass die Lieferung nicht kommt!
            humanRequested   | Je voudrais parler à un conseiller, s'il vous plaît.
            securityConcern  | Alguien ha iniciado sesión en mi cuenta desde otro país y no fui yo.
            sensitiveTopic   | Mijn advocaat gaat contact met jullie opnemen over dit contract.
            humanRequested   | Posso parlare con un operatore umano?
            """)
    void aRiskyMessageFromTheRoleUserRaisesItsSignal(String signal, String text) {
        SignalReport report = DETECTOR.detect(input(text));
        assertThat(report.get(signal).fired()).as(report.get(signal).detail()).isTrue();
        assertThat(report.languageCovered()).isTrue();
    }

    @Test
    void aPlainQuestionAboutTheEarlyTerminationFeeIsRoutine() {
        SignalReport report = DETECTOR.detect(input("How much is the early termination fee if I switch plans in March?"));
        assertThat(report.signals().values()).noneMatch(Signal::fired);
    }

    private static SignalInput input(String text) {
        return new SignalInput("REPLY", List.of(new SignalInput.Message("user", text)), "Thanks, let me check.", true,
                null);
    }
}
