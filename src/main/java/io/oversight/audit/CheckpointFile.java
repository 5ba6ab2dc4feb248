package io.oversight.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.audit.Checkpoint.Head;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The checkpoint file: JSON Lines, one {@link Checkpoint} per line, only ever appended to. Several
 * nodes (processes) may share one file: a line is appended under an exclusive file lock, after
 * reading the seal of the line before it. Each node may as well have a file of its own; a node
 * verifies against the file it is configured with.
 */
final class CheckpointFile {

    /** The file lock belongs to the process; threads of one process (or contexts in tests) take this too. */
    private static final Object IN_THIS_PROCESS = new Object();
    /** Longer than any line (1024 shards of about 130 bytes). */
    private static final int TAIL_BYTES = 512 * 1024;

    private final Path path;
    private final ObjectMapper mapper;

    CheckpointFile(Path path, ObjectMapper mapper) {
        this.path = path.toAbsolutePath().normalize();
        this.mapper = mapper;
    }

    Path path() {
        return path;
    }

    /**
     * What the file says of one ledger.
     *
     * @param lines    lines read (of every ledger)
     * @param latest   per shard, the checkpointed head with the highest seq among this ledger's sound lines
     * @param latestAt when this ledger was last checkpointed, or null
     * @param problem  the first line that is not a sound checkpoint, or null
     */
    record Reading(int lines, Map<Integer, Head> latest, String latestAt, String problem) {

        static Reading none() {
            return new Reading(0, Map.of(), null, null);
        }
    }

    /** Appends the checkpoint {@code sealAfter} makes from the previous line's seal. */
    Checkpoint append(Function<String, Checkpoint> sealAfter) {
        synchronized (IN_THIS_PROCESS) {
            try {
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                try (FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE); FileLock lock = file.lock()) {
                    String tail = tail(file);
                    Checkpoint checkpoint = sealAfter.apply(sealOfLastLine(tail));
                    String separator = tail.isEmpty() || tail.endsWith("\n") ? "" : "\n";
                    ByteBuffer line = ByteBuffer.wrap((separator + mapper.writeValueAsString(checkpoint) + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    long at = file.size();
                    while (line.hasRemaining()) {
                        at += file.write(line, at);
                    }
                    file.force(true);
                    return checkpoint;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot append to the audit checkpoint file " + path, e);
            }
        }
    }

    /** Reads every line, checks each one's seal and its link to the line before. */
    Reading read(String ledgerId, LedgerKeys keys) {
        try (BufferedReader lines = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Map<Integer, Head> latest = new HashMap<>();
            String latestAt = null;
            String problem = null;
            String previousSeal = null;
            int number = 0;
            for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                Checkpoint line = parse(text);
                String wrong = line == null ? "is not a checkpoint"
                        : !keys.knows(line.keyId()) ? "is sealed with an unknown ledger key (" + line.keyId()
                                + "; configure it in oversight.audit.retired-ledger-keys)"
                        : !line.sealMatches(keys) ? "does not match its seal (changed after it was written)"
                        : previousSeal != null && !previousSeal.equals(line.prev())
                                ? "does not follow the line before it (a line was removed, added or changed)" : null;
                if (wrong != null) {
                    problem = problem == null ? "checkpoint file line " + number + " " + wrong : problem;
                } else if (line.ledger().equals(ledgerId)) {
                    line.heads().forEach(head -> latest.merge(head.shard(), head, (a, b) -> b.seq() >= a.seq() ? b : a));
                    latestAt = line.at();
                }
                previousSeal = line == null ? "" : line.mac();
            }
            return new Reading(number, latest, latestAt, problem);
        } catch (NoSuchFileException e) {
            return Reading.none();
        } catch (IOException e) {
            return new Reading(0, Map.of(), null, "checkpoint file cannot be read: " + e.getMessage());
        }
    }

    private Checkpoint parse(String text) {
        try {
            Checkpoint line = mapper.readValue(text, Checkpoint.class);
            boolean complete = line.ledger() != null && line.at() != null && line.heads() != null && line.prev() != null
                    && line.mac() != null && line.heads().stream().allMatch(h -> h != null && h.hash() != null);
            return complete ? line : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String sealOfLastLine(String tail) {
        String trimmed = tail.endsWith("\n") ? tail.substring(0, tail.length() - 1) : tail;
        Checkpoint last = parse(trimmed.substring(trimmed.lastIndexOf('\n') + 1));
        return last == null ? "" : last.mac();
    }

    private static String tail(FileChannel file) throws IOException {
        long size = file.size();
        int length = (int) Math.min(size, TAIL_BYTES);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long at = size - length;
        while (buffer.hasRemaining()) {
            int read = file.read(buffer, at + buffer.position());
            if (read < 0) {
                break;
            }
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
}
