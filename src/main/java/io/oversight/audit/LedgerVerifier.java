package io.oversight.audit;

import io.oversight.audit.Checkpoint.Head;
import io.oversight.audit.Verification.BrokenEntry;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks the whole ledger, shard by shard, streaming each chain (see {@link ShardChain}), against the
 * latest checkpoints of the checkpoint file (read first, so every head it names was committed before
 * the chains are read).
 *
 * <p>firstBrokenEntry is, among the first break of every shard, the one with the smallest entry id
 * (ids are handed out in insertion order across shards, so this is the earliest-written entry at
 * which some chain stops being trustworthy);
 * a break of a shard with no entry left (id null) comes after every other break, and ties go to the
 * lower shard. Checking does not lock: appends go on meanwhile.
 */
@Component
class LedgerVerifier {

    private static final Comparator<BrokenEntry> EARLIEST = Comparator
            .comparing(BrokenEntry::id, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(BrokenEntry::shard);

    private final LedgerReader reader;
    private final LedgerShards shards;
    private final LedgerKeys keys;
    private final LedgerCheckpoints checkpoints;

    LedgerVerifier(LedgerReader reader, LedgerShards shards, LedgerKeys keys, LedgerCheckpoints checkpoints) {
        this.reader = reader;
        this.shards = shards;
        this.keys = keys;
        this.checkpoints = checkpoints;
    }

    Verification verify() {
        CheckpointFile.Reading file = checkpoints.read();
        return reader.inReadOnlyTransaction(() -> {
            Map<Integer, Long> legacy = reader.legacyBoundaries();
            LedgerKeys entryKeys = keys.forLedger(shards.ledgerId());
            String problem = file.problem();
            long entries = 0;
            BrokenEntry first = null;
            for (int shard : shards.all()) {
                Head checkpoint = file.latest().get(shard);
                long legacySeq = legacy.getOrDefault(shard, 0L);
                if (checkpoint != null && checkpoint.legacySeq() != legacySeq) {
                    problem = problem != null ? problem : "the legacy boundary of shard " + shard + " is seq " + legacySeq
                            + " in the database but seq " + checkpoint.legacySeq() + " in the checkpoints";
                    legacySeq = checkpoint.legacySeq();
                }
                ShardChain chain = ShardChain.fromGenesis(shard, reader.head(shard), entryKeys, legacySeq, checkpoint);
                reader.eachOfShard(shard, chain::accept);
                entries += chain.entries();
                Optional<BrokenEntry> broken = chain.firstBreak(reader.head(shard));
                if (broken.isPresent() && (first == null || EARLIEST.compare(broken.get(), first) < 0)) {
                    first = broken.get();
                }
            }
            return new Verification(first == null && problem == null, entries, first,
                    new Verification.Checkpoints(file.lines(), file.latestAt(), problem));
        });
    }
}
