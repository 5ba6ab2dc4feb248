package io.oversight.signals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection latency for the budget case: a conversation of 10 messages whose earlier turns were already judged
 * (the previous proposal of the same conversation) and one new customer message of about 30 words.
 * {@code bash bench/detection.sh}. Also reports the detector's heap.
 */
public final class DetectionBench {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionBench.class);
    private static final String[] WORDS = ("hello my order from last week still has not arrived and the tracking page "
            + "says it is in the depot since monday could you tell me when it will be delivered to my flat in leeds "
            + "because i need the parcel before the weekend thanks a lot").split(" ");

    private DetectionBench() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        SignalDetector detector = new SignalDetector();
        detector.detect(conversation(0, "Bonjour, où en est ma commande ?")); // waits for the language profiles
        System.gc();
        long heap = rt.totalMemory() - rt.freeMemory() - before;
        long[] nanos = new long[iterations];
        for (int i = -500; i < iterations; i++) {
            int n = Math.abs(i) + 1;
            detector.detect(conversation(n, null)); // the previous proposal: earlier turns now cached
            SignalInput next = conversation(n, newMessage(n));
            long start = System.nanoTime();
            detector.detect(next);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        LOG.info(String.format(Locale.ROOT, "detection, 10-message conversation, one new ~30-word customer message, "
                        + "%d runs: p50 %.2f ms, p99 %.2f ms, max %.2f ms; detector heap about %d MB",
                iterations, nanos[iterations / 2] / 1e6, nanos[iterations * 99 / 100] / 1e6,
                nanos[iterations - 1] / 1e6, heap / (1024 * 1024)));
    }

    private static String newMessage(int n) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < 30; w++) {
            sb.append(WORDS[(n * 7 + w * 3) % WORDS.length]).append(' ');
        }
        return sb.append("order o-").append(n).toString();
    }

    /** Nine earlier messages (customer and agent alternating) plus, when given, the new customer message. */
    private static SignalInput conversation(int n, String newest) {
        List<SignalInput.Message> messages = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            messages.add(i % 2 == 0
                    ? new SignalInput.Message("user", "Earlier question " + i + " about conversation " + n + ": where is my parcel?")
                    : new SignalInput.Message("assistant", "Let me check that for you."));
        }
        if (newest != null) {
            messages.add(new SignalInput.Message("user", newest));
        }
        return new SignalInput("REPLY", messages, "Your parcel arrives on Friday.", true, null);
    }
}
