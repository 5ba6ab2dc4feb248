package io.oversight.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.audit.Checkpoint.Head;
import io.oversight.audit.Verification.BrokenEntry;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Checkpoints the shard heads outside the database, in the background, every
 * {@code oversight.audit.checkpoint-interval} (and once at start and at shutdown), so that cutting
 * the tail of a chain and resetting its head to match is still found by verify.
 *
 * <p>A checkpoint only ever extends what this node already trusted (its last checkpoint, or the
 * file's latest for this ledger, or the empty chain): the entries since are read and checked as
 * verify would ({@link ShardChain}) before the new head is written. A shard whose new entries do not
 * check out keeps its old checkpoint and is logged as an error, so a forged chain is never pinned.
 * Appends are not touched: the heads are read as committed, once per interval.
 */
@Component
class LedgerCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(LedgerCheckpoints.class);

    private final LedgerReader reader;
    private final LedgerShards shards;
    private final LedgerKeys keys;
    private final AuditProperties properties;
    private final CheckpointFile file;
    private final String node;
    private Map<Integer, Head> trusted;
    private ScheduledExecutorService timer;

    LedgerCheckpoints(LedgerReader reader, LedgerShards shards, LedgerKeys keys, AuditProperties properties,
            ObjectMapper mapper) {
        this.reader = reader;
        this.shards = shards;
        this.keys = keys;
        this.properties = properties;
        this.file = new CheckpointFile(properties.checkpointFile(), mapper);
        String host = System.getenv("HOSTNAME");
        this.node = (host == null || host.isBlank() ? "node" : host) + "/" + ProcessHandle.current().pid();
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (timer != null) {
            return;
        }
        log.info("Audit ledger checkpoints go to {} every {}", file.path(), properties.checkpointInterval());
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ledger-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkpointQuietly, 0, properties.checkpointInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        ScheduledExecutorService running;
        synchronized (this) {
            running = timer;
            timer = null;
        }
        if (running != null) {
            running.shutdown();
            running.awaitTermination(10, TimeUnit.SECONDS);
            checkpointQuietly();
        }
    }

    Path file() {
        return file.path();
    }

    /** What the checkpoint file holds for this ledger. */
    CheckpointFile.Reading read() {
        return file.read(shards.ledgerId(), keys);
    }

    /**
     * Checks the entries appended since the last checkpoint and, where they extend it soundly,
     * appends a checkpoint of the new heads. Returns it, or empty when nothing moved.
     */
    synchronized Optional<Checkpoint> checkpoint() {
        if (trusted == null) {
            trusted = new HashMap<>(read().latest());
        }
        Map<Integer, Long> legacy = reader.legacyBoundaries();
        LedgerKeys entryKeys = keys.forLedger(shards.ledgerId());
        List<Head> heads = new ArrayList<>();
        boolean moved = reader.inReadOnlyTransaction(() -> {
            boolean any = false;
            for (int shard : shards.all()) {
                Head known = trusted.get(shard);
                Head next = extend(shard, entryKeys, known != null ? known
                        : new Head(shard, 0, LedgerHash.GENESIS, legacy.getOrDefault(shard, 0L)));
                heads.add(next);
                any |= !next.equals(known);
            }
            return any;
        });
        if (!moved) {
            return Optional.empty();
        }
        String ledger = shards.ledgerId();
        Checkpoint written = file.append(prev -> Checkpoint.sealed(ledger, node, LedgerHash.timestamp(Instant.now()),
                heads, prev, keys));
        heads.forEach(head -> trusted.put(head.shard(), head));
        return Optional.of(written);
    }

    private Head extend(int shard, LedgerKeys entryKeys, Head from) {
        LedgerHead head = reader.head(shard);
        if (head.lastSeq() == from.seq() && head.lastHash().equals(from.hash())) {
            return from;
        }
        ShardChain chain = ShardChain.after(from, head, entryKeys);
        reader.eachOfShardBetween(shard, from.seq(), head.lastSeq(), chain::accept);
        Optional<BrokenEntry> broken = chain.firstBreak(head);
        if (broken.isPresent()) {
            log.error("Audit ledger shard {} does not extend its checkpoint (seq {}): {}; it keeps that checkpoint. "
                    + "Run GET /api/v1/audit/verify", shard, from.seq(), broken.get());
            return from;
        }
        return chain.end();
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            log.warn("Audit ledger checkpoint to {} failed; retried in {}", file.path(), properties.checkpointInterval(), e);
        }
    }
}
