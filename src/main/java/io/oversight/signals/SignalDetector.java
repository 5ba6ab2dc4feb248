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
 * Detects the {@link Signals} in a conversation and a proposal. Each of the latest customer messages (see
 * {@link CustomerTurns}) is scored by the learned model ({@link LearnedSignals}: n-gram heads, and for English an
 * ensemble with sentence-embedding heads) and by the policy owner's word
 * lists ({@code signals/<signal>.yaml}); a message's score is the stronger of the two unless the signal's
 * {@code suppress} list matches it, and the signal's score is the strongest weighted message score. The agent's
 * own scores combine by taking the stronger. Thread-safe; per-message results are cached.
 */
@Component
public class SignalDetector {

    static final String DEFAULT_LOCATION = "signals/";
    private static final Logger LOG = LoggerFactory.getLogger(SignalDetector.class);
    static final List<String> CUSTOMER_SIGNALS = List.of(Signals.ANGER, Signals.SENSITIVE_TOPIC,
            Signals.SECURITY_CONCERN, Signals.BILLING_DISPUTE, Signals.HUMAN_REQUESTED);

    private final List<TermDetector> termDetectors;
    private final MissingContextDetector missingContext;
    private final CustomerTurns turns;
    private final LearnedSignals learned;
    private final MessageCache<Message> cache = new MessageCache<>(CACHE_ENTRIES);

    /**
     * Distinct customer messages whose findings are kept (a few hundred bytes each; the embedding itself is not
     * kept, only what the heads made of it), so each message is embedded once.
     */
    static final int CACHE_ENTRIES = 4096;

    /** Everything found in one customer message, before weighting by its position in the conversation. */
    private record Message(LearnedSignals.Judgement model, Map<String, Signal> keywords, Map<String, Boolean> suppressed,
                           boolean resolves) {
    }

    /** Loads the default data files and model from the classpath ({@code signals/...}). */
    public SignalDetector() {
        this(DEFAULT_LOCATION);
    }

    /** Loads the data files from another classpath folder (ending in '/'); the model from its default place. */
    SignalDetector(String location) {
        this(location, LearnedSignals.fromClasspath(LearnedSignals.MODEL_RESOURCE));
    }

    /** The data files of {@code location} with the given learned model (tests: an encoder that failed to load). */
    SignalDetector(String location, LearnedSignals learned) {
        List<TermDetector> detectors = new ArrayList<>();
        for (String signal : CUSTOMER_SIGNALS) {
            detectors.add(TermDetector.load(signal, location + signal + ".yaml"));
        }
        this.termDetectors = List.copyOf(detectors);
        this.missingContext = MissingContextDetector.load(location + Signals.MISSING_CONTEXT + ".yaml");
        String conversation = DEFAULT_LOCATION + "conversation.yaml";
        this.turns = new CustomerTurns(DataFiles.load(conversation, ConversationFile.class), conversation);
        this.learned = learned;
        LOG.info("Signal detector loaded from classpath:{} ({} rule sets, model {}, languages {})",
                location, termDetectors.size(), learned.model().version(), learned.model().coveredLanguages());
    }

    /** The version of the learned model, recorded next to the rules' version. */
    public String modelVersion() {
        return learned.model().version();
    }

    /**
     * New customer messages in a language of the sentence encoder judged so far: {embedded, decided by the n-gram
     * model alone (the cascade), not fully judged because the encoder was unavailable}. Cached messages are not
     * counted again.
     */
    public long[] cascadeCounts() {
        return learned.cascadeCounts();
    }

    /** Whether the learned model can judge: its sentence encoder loaded (it loads in the background at start). */
    public boolean ready() {
        return learned.encoderState() == LearnedSignals.EncoderState.UP;
    }

    /** Why the learned model cannot judge yet, or null when it can. */
    public String notReadyReason() {
        return switch (learned.encoderState()) {
            case UP -> null;
            case LOADING -> "the sentence encoder is loading";
            case FAILED -> "the sentence encoder failed to load (see the log); English messages cannot be judged";
        };
    }

    public SignalReport detect(SignalInput input) {
        Objects.requireNonNull(input, "input");
        List<CustomerTurns.Turn> customer = turns.of(input.messages());
        List<Message> judged = customer.stream().map(t -> cache.get(t.text(), this::examine,
                m -> m.model().complete())).toList();
        Map<String, Signal> signals = new LinkedHashMap<>();
        for (TermDetector detector : termDetectors) {
            signals.put(detector.signal(), strongest(detector, customer, judged, input.proposedText()));
        }
        signals.put(Signals.MISSING_CONTEXT,
                missingContext.detect(input.type(), input.proposedText(), input.hasSources()));
        signals.replaceAll((name, detected) -> withAgentScore(detected, input.agentSignals()));
        String language = language(judged);
        boolean complete = judged.stream().allMatch(m -> m.model().complete());
        return new SignalReport(signals, language, learned.covers(language) && complete, modelVersion(),
                complete ? null : "the sentence encoder is unavailable, so the customer's message could not be "
                        + "fully judged");
    }

    private Message examine(String text) {
        Map<String, Signal> keywords = new LinkedHashMap<>();
        Map<String, Boolean> suppressed = new LinkedHashMap<>();
        for (TermDetector detector : termDetectors) {
            keywords.put(detector.signal(), detector.detect(List.of(text), null));
            suppressed.put(detector.signal(), detector.suppressed(text));
        }
        return new Message(learned.judge(text), keywords, suppressed, turns.resolves(text));
    }

    private Signal strongest(TermDetector detector, List<CustomerTurns.Turn> customer, List<Message> judged,
                             String proposedText) {
        String signal = detector.signal();
        Signal best = new Signal(signal, 0.0, List.of(), "no " + signal + " indicators in customer messages");
        for (int i = 0; i < customer.size(); i++) {
            CustomerTurns.Turn turn = customer.get(i);
            Message message = judged.get(i);
            if (message.suppressed().get(signal) || (turns.cancels(signal) && resolvedAfter(i, judged, signal))) {
                continue;
            }
            Signal keywords = message.keywords().get(signal);
            double model = message.model().scores().getOrDefault(signal, 0.0);
            double score = Scores.round(turn.weight() * Math.max(model, keywords.score()));
            if (score > best.score() || (score == best.score() && score > 0)) {
                List<String> evidence = message.model().evidence().getOrDefault(signal, List.of());
                best = new Signal(signal, score, keywords.matches(),
                        Details.forTurn(signal, score, turn, model, evidence,
                                message.model().ensemble().getOrDefault(signal, ""), keywords, modelVersion()));
            }
        }
        if (Signals.SENSITIVE_TOPIC.equals(signal) && proposedText != null && !proposedText.isBlank()) {
            Signal inReply = detector.detect(List.of(), proposedText);
            if (inReply.score() > best.score()) {
                best = inReply;
            }
        }
        return best;
    }

    /** A later customer message resolves this one: it matches a resolution phrase and is not itself raising it. */
    private static boolean resolvedAfter(int index, List<Message> judged, String signal) {
        for (int j = index + 1; j < judged.size(); j++) {
            Message later = judged.get(j);
            if (later.resolves() && Math.max(later.model().scores().getOrDefault(signal, 0.0),
                    later.keywords().get(signal).score()) < 0.5) {
                return true;
            }
        }
        return false;
    }

    /** The latest customer message whose language can be told decides (older ones only if the latest cannot). */
    private static String language(List<Message> judged) {
        for (int i = judged.size() - 1; i >= 0; i--) {
            if (judged.get(i).model().language() != null) {
                return judged.get(i).model().language();
            }
        }
        return null;
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
