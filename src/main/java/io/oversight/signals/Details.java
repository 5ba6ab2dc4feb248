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

    /** Why one customer turn scored: where it is, the model's evidence and the owner's matched phrases. */
    static String forTurn(String signal, double score, CustomerTurns.Turn turn, double model, List<String> evidence,
                          String ensemble, Signal keywords, String modelVersion) {
        StringBuilder sb = new StringBuilder("customer language scored ").append(Scores.format(score)).append(" for ")
                .append(signal).append(turn.turnsBack() == 0 ? " in the latest customer message"
                        : " in the customer message " + turn.turnsBack() + " turn(s) back (weight "
                        + Scores.format(turn.weight()) + ")");
        List<String> parts = new ArrayList<>();
        if (model > 0.0 && (!evidence.isEmpty() || model >= keywords.score())) {
            parts.add("model " + modelVersion + " " + Scores.format(model)
                    + (ensemble.isEmpty() ? "" : " (" + ensemble + ")")
                    + (evidence.isEmpty() ? "" : ", evidence " + evidence.stream().map(e -> "\"" + e + "\"")
                    .collect(Collectors.joining(", "))));
        }
        if (!keywords.matches().isEmpty()) {
            parts.add("word list " + Scores.format(keywords.score()) + ": " + keywords.detail());
        }
        return parts.isEmpty() ? sb.toString() : sb.append(" (").append(String.join("; ", parts)).append(')').toString();
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
