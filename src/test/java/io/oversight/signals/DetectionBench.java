package io.oversight.signals;

import io.oversight.signals.embedding.SentenceEncoder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection cost for the budget case of issue 8: a conversation of 10 messages whose earlier turns were already
 * judged (the previous proposal of the same conversation) and one new customer message of about 30 words,
 * English, so it is embedded. Wall-clock and CPU time of the detecting thread, one thread.
 * {@code bash bench/detection.sh}. Also reports the detector's load time, heap and the process's RSS.
 */
public final class DetectionBench {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionBench.class);
    private static final String[] WORDS = ("hello my order from last week still has not arrived and the tracking page "
            + "says it is in the depot since monday could you tell me when it will be delivered to my flat in leeds "
            + "because i need the parcel before the weekend thanks a lot").split(" ");

    private DetectionBench() {
    }

    public static void main(String[] args) throws IOException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long rssBefore = rssKb();
        long loadStart = System.nanoTime();
        SentenceEncoder.shared().join(); // alone first, so its load time and native memory can be told apart
        long encoderLoaded = System.nanoTime();
        long rssEncoder = rssKb();
        SignalDetector detector = new SignalDetector();
        detector.detect(conversation(0, "Bonjour, où en est ma commande ?")); // waits for the language profiles
        long ready = System.nanoTime();
        System.gc();
        long heap = rt.totalMemory() - rt.freeMemory() - before;
        LOG.info(String.format(Locale.ROOT, "sentence encoder session loaded in %d ms, RSS %d -> %d MB; detector "
                        + "ready (n-gram model, word lists, language profiles) %d ms later; detector heap about %d MB",
                (encoderLoaded - loadStart) / 1_000_000, rssBefore / 1024, rssEncoder / 1024,
                (ready - encoderLoaded) / 1_000_000, heap / (1024 * 1024)));
        long[] nanos = new long[iterations];
        long[] cpu = new long[iterations];
        for (int i = -500; i < iterations; i++) {
            int n = Math.abs(i) + 1;
            detector.detect(conversation(n, null)); // the previous proposal: earlier turns now cached
            SignalInput next = conversation(n, newMessage(n));
            long startCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            detector.detect(next);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
                cpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
            }
        }
        long[] cascade = detector.cascadeCounts();
        LOG.info(String.format(Locale.ROOT, "the cascade embedded %d of the %d new English messages (the n-gram model "
                + "decided %d alone); a message it embeds costs about the encoder's CPU below on top",
                cascade[0], cascade[0] + cascade[1], cascade[1]));
        SentenceEncoder encoder = SentenceEncoder.shared().join();
        long[] encoderCpu = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            String text = newMessage(i + 1);
            long startCpu = threads.getCurrentThreadCpuTime();
            encoder.embed(text);
            encoderCpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
        }
        Arrays.sort(encoderCpu);
        LOG.info(String.format(Locale.ROOT, "of which the sentence encoder alone (tokenize + embed), CPU p50 %.2f ms, "
                + "p99 %.2f ms", encoderCpu[iterations / 2] / 1e6, encoderCpu[iterations * 99 / 100] / 1e6));
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        LOG.info(String.format(Locale.ROOT, "detection, 10-message conversation, one new ~30-word English customer "
                        + "message (%d tokens), %d runs, model %s: wall p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
                        + "CPU of the detecting thread p50 %.2f ms, p99 %.2f ms; RSS after the runs %d MB; load average %s",
                SentenceEncoder.shared().join().tokenizer().encode(newMessage(1)).length, iterations,
                detector.modelVersion(), nanos[iterations / 2] / 1e6, nanos[iterations * 99 / 100] / 1e6,
                nanos[iterations - 1] / 1e6, cpu[iterations / 2] / 1e6, cpu[iterations * 99 / 100] / 1e6,
                rssKb() / 1024, Files.readString(Path.of("/proc/loadavg")).strip()));
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
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
