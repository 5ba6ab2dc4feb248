package io.oversight.signals;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the learned signal model ({@code signalModel} in the readiness group): a node takes no proposals
 * until its sentence encoder has loaded, and reports DOWN when it failed to load (English messages that need the
 * encoder then go to a person, see {@link SignalReport#notJudged()}).
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
