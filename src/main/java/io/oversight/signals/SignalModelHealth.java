package io.oversight.signals;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the learned signal model ({@code signalModel} in the readiness group): a node takes no proposals
 * until its sentence encoder has loaded, and reports DOWN when it failed to load, instead of answering every
 * English proposal with an error.
 */
@Component("signalModel")
class SignalModelHealth implements HealthIndicator {

    private final SignalDetector detector;

    SignalModelHealth(SignalDetector detector) {
        this.detector = detector;
    }

    @Override
    public Health health() {
        Health.Builder health = detector.ready() ? Health.up() : Health.down()
                .withDetail("reason", detector.notReadyReason());
        return health.withDetail("model", detector.modelVersion()).build();
    }
}
