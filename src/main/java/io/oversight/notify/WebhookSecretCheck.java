package io.oversight.notify;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Says at start-up what will happen to webhooks: without a signing secret they wait unsent, and
 * outside the demo profile the well-known demo secret stops the start (anyone could forge callbacks).
 */
@Component
class WebhookSecretCheck {

    static final String DEMO_SECRET = "demo-webhook-secret";
    private static final Logger log = LoggerFactory.getLogger(WebhookSecretCheck.class);

    private final WebhookProperties properties;
    private final Environment environment;

    WebhookSecretCheck(WebhookProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener(ApplicationStartedEvent.class)
    void check() {
        if (!properties.enabled()) {
            log.info("Webhooks are disabled (oversight.webhooks.enabled=false): no callbacks are recorded or sent");
            return;
        }
        if (!properties.canSign()) {
            log.warn("No webhook signing secret (oversight.webhooks.signing-secret / OVERSIGHT_WEBHOOK_SECRET): "
                    + "callbacks are kept PENDING and nothing is sent until one is configured");
            return;
        }
        if (DEMO_SECRET.equals(properties.signingSecret()) && !demo()) {
            throw new IllegalStateException(
                    "The demo webhook signing secret is configured outside the demo profile; set OVERSIGHT_WEBHOOK_SECRET");
        }
    }

    private boolean demo() {
        return environment.acceptsProfiles(Profiles.of("demo"));
    }
}
