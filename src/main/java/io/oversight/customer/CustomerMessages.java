package io.oversight.customer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/**
 * The customer's side of the wait: honest holding messages per situation, channel and reason,
 * from templates a policy owner edits (policy/customer-messages.yaml), with an ETA from the
 * queue's recent decision times that never exceeds the SLA.
 */
@Component
public class CustomerMessages {

    public enum Situation {
        PENDING("pending"), SLA_WARNING("sla-warning"), SLA_BREACHED("sla-breached"),
        AWAITING_INFORMATION("awaiting-information");

        private final String key;

        Situation(String key) {
            this.key = key;
        }
    }

    private final Map<String, Map<String, Map<String, String>>> templates;
    private final WaitEstimate waits;

    CustomerMessages(@Value("${oversight.customer-messages.location:classpath:policy/customer-messages.yaml}") Resource file,
            WaitEstimate waits) {
        this.templates = load(file);
        this.waits = waits;
        for (Situation situation : Situation.values()) {
            if (text(situation, "default", "default") == null) {
                throw new IllegalStateException(file + " needs " + situation.key + ".default.default");
            }
        }
    }

    /** The message for a proposal waiting in {@code queue} whose SLA leaves {@code slaMinutesLeft}. */
    public String message(Situation situation, String channel, String reason, String customerName, String queue,
            long slaMinutesLeft) {
        String template = text(situation, channel, reason);
        long minutes = waits.minutes(queue, slaMinutesLeft);
        return template.replace("{minutes}", Long.toString(minutes))
                .replace("{name}", customerName == null || customerName.isBlank() ? "there" : customerName);
    }

    private String text(Situation situation, String channel, String reason) {
        Map<String, Map<String, String>> byChannel = templates.getOrDefault(situation.key, Map.of());
        for (String c : new String[] {channel, "default"}) {
            Map<String, String> byReason = byChannel.get(c);
            if (byReason != null) {
                String text = byReason.getOrDefault(reason, byReason.get("default"));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static Map<String, Map<String, Map<String, String>>> load(Resource file) {
        try (InputStream in = file.getInputStream()) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read customer messages " + file, e);
        }
    }
}
