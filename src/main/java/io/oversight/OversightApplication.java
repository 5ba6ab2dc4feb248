package io.oversight;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OversightApplication {

    public static void main(String[] args) {
        // before any class loads: DJL (ai.djl.*) contacts a cloud metadata address unless offline=true. None of it is
        // on the classpath (the sentence encoder tokenizes in plain Java); this keeps it so if a dependency brings it
        System.setProperty("offline", "true");
        try {
            SpringApplication application = new SpringApplication(OversightApplication.class);
            if (Boolean.getBoolean("oversight.startup-steps")) {
                // where start-up time goes (bench/startup.sh): Spring's startup steps, read from
                // /actuator/startup when that endpoint is exposed; off by default (it keeps every step)
                application.setApplicationStartup(new BufferingApplicationStartup(20_000));
            }
            application.run(args);
        } catch (RuntimeException refused) {
            // a refused start (unsafe configuration, demo leftovers, no database) must end the process, so an
            // orchestrator sees it, even when a library left a non-daemon thread behind; Boot has logged why
            System.exit(1);
        }
    }
}
