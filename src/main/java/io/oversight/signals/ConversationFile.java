package io.oversight.signals;

import java.util.List;

/**
 * The content of {@code signals/conversation.yaml}: how much each customer turn counts.
 *
 * @param decay            weight factor per later customer message (0..1)
 * @param maxCustomerTurns how many of the latest customer messages are judged
 * @param cancels          signals that a later resolving message cancels
 * @param resolution       regular expressions (on lower-cased, accent-folded text) of a resolving message
 */
record ConversationFile(Double decay, Integer maxCustomerTurns, List<String> cancels, List<String> resolution) {

    ConversationFile {
        if (decay == null || decay <= 0.0 || decay > 1.0) {
            throw new IllegalStateException("conversation.yaml: 'decay' must be within (0, 1] but was " + decay);
        }
        if (maxCustomerTurns == null || maxCustomerTurns < 1) {
            throw new IllegalStateException("conversation.yaml: 'maxCustomerTurns' must be 1 or more");
        }
        cancels = cancels == null ? List.of() : List.copyOf(cancels);
        resolution = resolution == null ? List.of() : List.copyOf(resolution);
    }
}
