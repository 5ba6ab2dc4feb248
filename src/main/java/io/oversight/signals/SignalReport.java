package io.oversight.signals;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one detection run: one {@link Signal} for every name in {@link Signals#ALL}, in that order.
 * Names missing from the given map are filled in with a zero score.
 *
 * @param language        ISO 639-1 code of the customer's latest recognisable message, null when not recognisable
 * @param languageCovered false when the customer writes in a language the learned detector was not trained on
 * @param modelVersion    version of the learned model that scored the messages
 * @param notJudged       why the detectors could not fully judge a customer message (then {@code languageCovered} is
 *                        false, so the rule for uncovered messages sends it to a person), or null
 */
public record SignalReport(Map<String, Signal> signals, String language, boolean languageCovered,
                           String modelVersion, String notJudged) {

    /** A report of the given signals, language unknown (judged as covered). */
    public SignalReport(Map<String, Signal> signals) {
        this(signals, null, true, null, null);
    }

    /** A report whose messages were all judged. */
    public SignalReport(Map<String, Signal> signals, String language, boolean languageCovered, String modelVersion) {
        this(signals, language, languageCovered, modelVersion, null);
    }

    public SignalReport {
        Map<String, Signal> given = signals == null ? Map.of() : signals;
        Map<String, Signal> ordered = new LinkedHashMap<>();
        for (String name : Signals.ALL) {
            Signal signal = given.get(name);
            ordered.put(name, signal != null ? signal : new Signal(name, 0.0, List.of(), "not evaluated"));
        }
        given.forEach((name, signal) -> {
            if (signal != null) {
                ordered.putIfAbsent(name, signal);
            }
        });
        signals = Collections.unmodifiableMap(ordered);
    }

    /** The signal with this name; throws for a name that is not in the report. */
    public Signal get(String name) {
        Signal signal = signals.get(name);
        if (signal == null) {
            throw new IllegalArgumentException("unknown signal: " + name + " (known: " + signals.keySet() + ")");
        }
        return signal;
    }

    /** The score of the named signal; throws for a name that is not in the report. */
    public double score(String name) {
        return get(name).score();
    }

    /** Signal name to score, every signal present, in report order. */
    public Map<String, Double> scores() {
        Map<String, Double> scores = new LinkedHashMap<>();
        signals.forEach((name, signal) -> scores.put(name, signal.score()));
        return Collections.unmodifiableMap(scores);
    }

    /** Names of the signals that fired, in report order. */
    public List<String> firedSignals() {
        return signals.values().stream().filter(Signal::fired).map(Signal::name).toList();
    }
}
