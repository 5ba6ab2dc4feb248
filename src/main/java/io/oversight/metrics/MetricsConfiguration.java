package io.oversight.metrics;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock of "now" in the owner's figures (open waits, default windows); tests fix it. */
@Configuration
class MetricsConfiguration {

    @Bean
    Clock metricsClock() {
        return Clock.systemUTC();
    }
}
