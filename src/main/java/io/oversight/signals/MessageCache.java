package io.oversight.signals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the detectors found in one message, computed once per distinct text: a bounded LRU cache keyed by the
 * text's SHA-256, so the earlier turns of a conversation cost nothing when its next proposal arrives.
 */
final class MessageCache<V> {

    private final int capacity;
    private final Map<String, V> entries;

    MessageCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MessageCache.this.capacity;
            }
        };
    }

    V get(String text, Function<String, V> compute) {
        return get(text, compute, v -> true);
    }

    /** As {@link #get(String, Function)}, keeping the computed value only when {@code keep} accepts it. */
    V get(String text, Function<String, V> compute, Predicate<V> keep) {
        String key = sha256(text);
        synchronized (entries) {
            V known = entries.get(key);
            if (known != null) {
                return known;
            }
        }
        V fresh = compute.apply(text);
        if (keep.test(fresh)) {
            synchronized (entries) {
                entries.put(key, fresh);
            }
        }
        return fresh;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
