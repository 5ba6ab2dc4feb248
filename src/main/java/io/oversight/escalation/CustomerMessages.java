package io.oversight.escalation;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the customer is told while a person decides, per channel; the texts live in
 * oversight-policy.yaml where a policy owner edits them.
 */
@ConfigurationProperties("oversight.customer-messages")
record CustomerMessages(Map<String, String> pending) {

    String pending(String channel, int minutes) {
        String template = pending.getOrDefault(channel, pending.get("default"));
        return template.replace("{minutes}", Integer.toString(minutes));
    }
}
