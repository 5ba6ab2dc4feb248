package io.oversight.notify;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class WebhookSecretCheckTest {

    private static WebhookProperties secret(String secret) {
        return new WebhookProperties(true, secret, 8, Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), List.of());
    }

    private static MockEnvironment profile(String profile) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profile);
        return environment;
    }

    @Test
    void theDemoSecretStopsTheStartOutsideTheDemoProfile() {
        var check = new WebhookSecretCheck(secret(WebhookSecretCheck.DEMO_SECRET), profile("postgres"));

        assertThatThrownBy(check::check).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OVERSIGHT_WEBHOOK_SECRET");
    }

    @Test
    void theDemoSecretIsFineInTheDemoProfile() {
        var check = new WebhookSecretCheck(secret(WebhookSecretCheck.DEMO_SECRET), profile("demo"));

        assertThatCode(check::check).doesNotThrowAnyException();
    }

    @Test
    void noSecretOnlyWarns() {
        var check = new WebhookSecretCheck(secret(null), profile("postgres"));

        assertThatCode(check::check).doesNotThrowAnyException();
    }
}
