package io.oversight.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DNS that answers from a script and never leaves the machine: each name has a list of answers,
 * given one per lookup, the last one repeating (so a test can change what a name resolves to).
 * IP literals are parsed; any other name does not exist.
 */
final class ScriptedResolver implements HostResolver {

    private final Map<String, Deque<InetAddress[]>> answers = new ConcurrentHashMap<>();
    private final List<String> lookups = new CopyOnWriteArrayList<>();

    /** The answers for {@code host}, one per lookup; each answer is a comma-separated list of addresses. */
    ScriptedResolver answer(String host, String... answersInTurn) {
        Deque<InetAddress[]> queue = new ArrayDeque<>();
        for (String answer : answersInTurn) {
            String[] texts = answer.split(",");
            InetAddress[] addresses = new InetAddress[texts.length];
            for (int i = 0; i < texts.length; i++) {
                addresses[i] = literal(texts[i].trim());
            }
            queue.add(addresses);
        }
        answers.put(host, queue);
        return this;
    }

    @Override
    public synchronized InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.add(host);
        Deque<InetAddress[]> queue = answers.get(host);
        if (queue != null) {
            return queue.size() > 1 ? queue.poll() : queue.peek();
        }
        if (host.contains(":") || host.matches("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+")) {
            return new InetAddress[] {literal(host)};
        }
        throw new UnknownHostException(host + ": no such name in the script");
    }

    List<String> lookups() {
        return List.copyOf(lookups);
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
