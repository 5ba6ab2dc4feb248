package io.oversight.signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Detects the {@link Signals} in a conversation and a proposal. Word lists and patterns come from the
 * data files {@code signals/<signalName>.yaml} on the classpath; they are compiled once, so
 * {@link #detect(SignalInput)} is cheap and thread-safe.
 */
@Component
public class SignalDetector {

    static final String DEFAULT_LOCATION = "signals/";
    private static final Logger LOG = LoggerFactory.getLogger(SignalDetector.class);
    private static final List<String> KEYWORD_SIGNALS = List.of(Signals.ANGER, Signals.SENSITIVE_TOPIC,
            Signals.SECURITY_CONCERN, Signals.BILLING_DISPUTE, Signals.HUMAN_REQUESTED);

    private final List<TermDetector> termDetectors;
    private final MissingContextDetector missingContext;

    /** Loads the default data files from the classpath ({@code signals/...}). */
    public SignalDetector() {
        this(DEFAULT_LOCATION);
    }

    /** Loads the data files from another classpath folder (ending in '/'). */
    SignalDetector(String location) {
        List<TermDetector> detectors = new ArrayList<>();
        for (String signal : KEYWORD_SIGNALS) {
            detectors.add(TermDetector.load(signal, location + signal + ".yaml"));
        }
        this.termDetectors = List.copyOf(detectors);
        this.missingContext = MissingContextDetector.load(location + Signals.MISSING_CONTEXT + ".yaml");
        LOG.info("Signal detector loaded from classpath:{} ({} rule sets, {} pleasantry patterns)",
                location, termDetectors.size(), missingContext.patternCount());
    }

    public SignalReport detect(SignalInput input) {
        Objects.requireNonNull(input, "input");
        List<String> customerTexts = customerTexts(input.messages());
        Map<String, Signal> signals = new LinkedHashMap<>();
        for (TermDetector detector : termDetectors) {
            String reply = Signals.SENSITIVE_TOPIC.equals(detector.signal()) ? input.proposedText() : null;
            signals.put(detector.signal(), detector.detect(customerTexts, reply));
        }
        signals.put(Signals.MISSING_CONTEXT,
                missingContext.detect(input.type(), input.proposedText(), input.hasSources()));
        signals.replaceAll((name, detected) -> withAgentScore(detected, input.agentSignals()));
        return new SignalReport(signals);
    }

    private static List<String> customerTexts(List<SignalInput.Message> messages) {
        if (messages == null) {
            return List.of();
        }
        return messages.stream()
                .filter(Objects::nonNull)
                .filter(m -> "customer".equalsIgnoreCase(m.role() == null ? "" : m.role().trim()))
                .map(SignalInput.Message::text)
                .filter(text -> text != null && !text.isBlank())
                .toList();
    }

    /** combined = max(detector, agent): the agent can add evidence but never lower a detector score. */
    static Signal withAgentScore(Signal detected, Map<String, Double> agentSignals) {
        Double agent = agentSignals == null ? null : agentSignals.get(detected.name());
        if (agent == null || agent.isNaN()) {
            return detected;
        }
        double agentScore = Scores.round(agent);
        if (agentScore <= detected.score()) {
            return detected;
        }
        return new Signal(detected.name(), agentScore, detected.matches(),
                Details.agentWins(detected.name(), agentScore, detected));
    }
}
