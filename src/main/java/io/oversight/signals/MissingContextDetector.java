package io.oversight.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Fires (score 1.0) when a REPLY proposal has no sources and says more than a pleasantry or holding message.
 * Every fragment of the reply (split at sentence punctuation and commas) must match a pleasantry pattern
 * for the reply to count as a pleasantry.
 */
final class MissingContextDetector {

    private static final Pattern FRAGMENT_BREAKS = Pattern.compile("[.!?;:,\\n]+|\\s[-\u2013\u2014]+\\s");
    private static final Pattern EDGE_NOISE = Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");

    private final List<Pattern> pleasantries;

    MissingContextDetector(List<Pattern> pleasantries) {
        this.pleasantries = List.copyOf(pleasantries);
    }

    static MissingContextDetector load(String resource) {
        PleasantryFile file = DataFiles.load(resource, PleasantryFile.class);
        if (!Signals.MISSING_CONTEXT.equals(file.signal())) {
            throw new IllegalStateException("signal data file " + resource + " must declare signal '"
                    + Signals.MISSING_CONTEXT + "' but declares '" + file.signal() + "'");
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : file.pleasantries()) {
            patterns.add(PatternCompiler.regex(regex, resource + " (pleasantries)"));
        }
        return new MissingContextDetector(patterns);
    }

    int patternCount() {
        return pleasantries.size();
    }

    Signal detect(String type, String proposedText, boolean hasSources) {
        String name = Signals.MISSING_CONTEXT;
        if (!"REPLY".equalsIgnoreCase(type == null ? "" : type.trim())) {
            return new Signal(name, 0.0, List.of(), "not applicable to " + type + " proposals");
        }
        if (hasSources) {
            return new Signal(name, 0.0, List.of(), "reply is backed by retrieved sources");
        }
        if (proposedText == null || proposedText.isBlank()) {
            return new Signal(name, 0.0, List.of(), "reply is empty");
        }
        List<String> factual = factualFragments(proposedText);
        if (factual.isEmpty()) {
            return new Signal(name, 0.0, List.of(), "reply is only a pleasantry or holding message");
        }
        return new Signal(name, 1.0, factual, "reply states facts without any retrieved source");
    }

    /** The fragments of the reply that are not pleasantries, in order. */
    List<String> factualFragments(String reply) {
        List<String> factual = new ArrayList<>();
        for (String raw : FRAGMENT_BREAKS.split(reply.replace('\u2019', '\''))) {
            String fragment = EDGE_NOISE.matcher(raw.strip()).replaceAll("")
                    .replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            if (!fragment.isEmpty() && !isPleasantry(fragment)) {
                factual.add(raw.strip());
            }
        }
        return factual;
    }

    private boolean isPleasantry(String fragment) {
        for (Pattern pattern : pleasantries) {
            if (pattern.matcher(fragment).matches()) {
                return true;
            }
        }
        return false;
    }
}
