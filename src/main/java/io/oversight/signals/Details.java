package io.oversight.signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the reviewer-facing detail sentences. */
final class Details {

    private Details() {
    }

    static String forTerms(String signal, double score, List<Hit> hits, boolean replyScanned) {
        String where = replyScanned ? "customer messages or proposed reply" : "customer messages";
        if (hits.isEmpty()) {
            return "no " + signal + " indicators in " + where;
        }
        boolean categorized = hits.stream().anyMatch(h -> h.category() != null);
        if (!categorized) {
            return "customer language scored " + Scores.format(score) + " for " + signal
                    + " (matched: " + quoted(hits) + ")";
        }
        Map<String, List<Hit>> byCategory = new LinkedHashMap<>();
        for (Hit hit : hits) {
            String category = hit.category() == null ? "other" : hit.category();
            byCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(hit);
        }
        String topics = byCategory.entrySet().stream()
                .map(e -> e.getKey() + " topic: " + quoted(e.getValue()))
                .collect(Collectors.joining("; "));
        return topics + " (score " + Scores.format(score) + ")";
    }

    static String agentWins(String signal, double agentScore, Signal detected) {
        String detail = "agent classifier scored " + Scores.format(agentScore) + " for " + signal;
        if (detected.matches().isEmpty()) {
            return detail;
        }
        return detail + "; detector scored " + Scores.format(detected.score()) + ": " + detected.detail();
    }

    private static String quoted(List<Hit> hits) {
        return hits.stream()
                .map(h -> "\"" + h.text() + "\"" + (h.fromReply() ? " (in proposed reply)" : ""))
                .distinct()
                .collect(Collectors.joining(", "));
    }
}
