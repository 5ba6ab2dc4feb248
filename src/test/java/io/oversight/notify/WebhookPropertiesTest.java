package io.oversight.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookPropertiesTest {

    private static WebhookProperties with(String secret, Duration initial, Duration max) {
        return new WebhookProperties(true, secret, 8, initial, max, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(5), List.of());
    }

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheCap() {
        var properties = with("s", Duration.ofSeconds(1), Duration.ofMinutes(5));

        assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(properties.backoffAfter(8)).isEqualTo(Duration.ofSeconds(128));
        assertThat(properties.backoffAfter(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(properties.backoffAfter(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.backoffAfter(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aClaimOutlastsAWholeAttempt() {
        var properties = with("s", Duration.ofSeconds(1), Duration.ofMinutes(5));

        assertThat(properties.claimDuration()).isGreaterThan(Duration.ofSeconds(7));
    }

    @Test
    void withoutASecretNothingCanBeSigned() {
        assertThat(with(null, Duration.ofSeconds(1), Duration.ofMinutes(5)).canSign()).isFalse();
        assertThat(with(" ", Duration.ofSeconds(1), Duration.ofMinutes(5)).canSign()).isFalse();
        assertThat(with("s", Duration.ofSeconds(1), Duration.ofMinutes(5)).canSign()).isTrue();
    }

    @Test
    void atLeastOneAttempt() {
        assertThatThrownBy(() -> new WebhookProperties(true, "s", 0, Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
