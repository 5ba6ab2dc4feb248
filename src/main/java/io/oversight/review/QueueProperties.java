package io.oversight.review;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The review queues (Camunda groups) that get a Tasklist filter. */
@ConfigurationProperties("oversight.queues")
record QueueProperties(
        @DefaultValue({"support-agents", "support-leads", "billing", "trust-safety", "legal", "finance", "qa"})
        List<String> groups) {}
