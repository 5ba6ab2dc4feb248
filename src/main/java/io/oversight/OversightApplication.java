package io.oversight;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OversightApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(OversightApplication.class, args);
        } catch (RuntimeException refused) {
            // a refused start (unsafe configuration, demo leftovers, no database) must end the process, so an
            // orchestrator sees it, even when a library left a non-daemon thread behind; Boot has logged why
            System.exit(1);
        }
    }
}
