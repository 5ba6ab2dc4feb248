package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** No start without a ledger key; the demo key only in the demo profile; short keys refused. */
class LedgerKeysTest {

    @Test
    void noKeyStopsTheStartWithTheRemedy() {
        assertThatThrownBy(() -> new LedgerKeys(null, List.of(), false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OVERSIGHT_AUDIT_LEDGER_KEY").hasMessageContaining("openssl rand");
        assertThatThrownBy(() -> new LedgerKeys(" ", List.of(), true)).hasMessageContaining("No audit ledger key");
    }

    @Test
    void theDemoKeyOnlyInTheDemoProfile() {
        assertThatCode(() -> new LedgerKeys(LedgerKeys.DEMO_KEY, List.of(), true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new LedgerKeys(LedgerKeys.DEMO_KEY, List.of(), false))
                .hasMessageContaining("demo audit ledger key").hasMessageContaining("OVERSIGHT_AUDIT_LEDGER_KEY");
    }

    @Test
    void shortKeysAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new LedgerKeys("too-short", List.of(), false))
                .hasMessageContaining("oversight.audit.ledger-key is shorter than 32");
        assertThatThrownBy(() -> new LedgerKeys(TestKeys.SECRET, List.of("short"), false))
                .hasMessageContaining("oversight.audit.retired-ledger-keys[0]");
    }

    @Test
    void keyIdsDependOnTheKeyOnly() {
        var rotated = new LedgerKeys("the-next-ledger-key-after-rotation-0000", List.of(TestKeys.SECRET), false);

        assertThat(TestKeys.KEYS.currentId()).isEqualTo(TestKeys.SECRET_ID);
        assertThat(rotated.knows(TestKeys.SECRET_ID)).isTrue();
        assertThat(rotated.knows(rotated.currentId())).isTrue();
        assertThat(TestKeys.KEYS.knows(rotated.currentId())).isFalse();
        assertThat(TestKeys.KEYS.knows(null)).isFalse();
    }
}
