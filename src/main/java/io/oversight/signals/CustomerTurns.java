package io.oversight.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who is the customer, and how much each of their turns counts. Every message whose role is not the agent's
 * ({@code agent}, {@code assistant}), {@code system} or {@code tool} — compared trimmed and ignoring case — is
 * the customer's ({@code customer}, {@code user}, {@code human}, {@code client}, anything else, or none).
 * The latest customer message counts fully, earlier ones fade by {@code decay} per later customer message,
 * and a later resolving message ("sorted now, thanks") cancels earlier ones for the signals it cancels.
 */
final class CustomerTurns {

    static final Set<String> NOT_CUSTOMER = Set.of("agent", "assistant", "system", "tool");

    /** One customer message: its text, its weight, and how many customer messages came after it. */
    record Turn(String text, double weight, int turnsBack) {
    }

    private final double decay;
    private final int maxTurns;
    private final Set<String> cancels;
    private final List<Pattern> resolution;

    CustomerTurns(ConversationFile file, String where) {
        this.decay = file.decay();
        this.maxTurns = file.maxCustomerTurns();
        this.cancels = Set.copyOf(file.cancels());
        this.resolution = file.resolution().stream().map(r -> PatternCompiler.regex(r, where + " (resolution)")).toList();
    }

    static boolean isCustomer(String role) {
        return role == null || !NOT_CUSTOMER.contains(role.trim().toLowerCase(Locale.ROOT));
    }

    boolean cancels(String signal) {
        return cancels.contains(signal);
    }

    boolean resolves(String text) {
        String normalized = TextFeatures.normalize(text);
        return resolution.stream().anyMatch(p -> p.matcher(normalized).find());
    }

    /** The customer's latest turns, oldest first, with weights. */
    List<Turn> of(List<SignalInput.Message> messages) {
        if (messages == null) {
            return List.of();
        }
        List<String> texts = messages.stream()
                .filter(Objects::nonNull)
                .filter(m -> isCustomer(m.role()))
                .map(SignalInput.Message::text)
                .filter(text -> text != null && !text.isBlank())
                .toList();
        List<String> recent = texts.subList(Math.max(0, texts.size() - maxTurns), texts.size());
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < recent.size(); i++) {
            int back = recent.size() - 1 - i;
            turns.add(new Turn(recent.get(i), Math.pow(decay, back), back));
        }
        return turns;
    }
}
