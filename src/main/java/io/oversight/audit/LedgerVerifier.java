package io.oversight.audit;

import io.oversight.audit.Verification.BrokenEntry;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks the whole ledger, shard by shard, streaming each chain (see {@link ShardChain}).
 *
 * <p>firstBrokenEntry is, among the first break of every shard, the one with the smallest entry id
 * (ids are handed out in insertion order across shards, so this is the earliest-written entry at
 * which some chain stops being trustworthy);
 * a head mismatch of a shard with no entry left (id null) comes after every other break, and ties
 * go to the lower shard. Checking does not lock: appends go on meanwhile.
 */
@Component
class LedgerVerifier {

    private static final Comparator<BrokenEntry> EARLIEST = Comparator
            .comparing(BrokenEntry::id, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(BrokenEntry::shard);

    private final LedgerReader reader;
    private final LedgerShards shards;

    LedgerVerifier(LedgerReader reader, LedgerShards shards) {
        this.reader = reader;
        this.shards = shards;
    }

    Verification verify() {
        return reader.inReadOnlyTransaction(() -> {
            long entries = 0;
            BrokenEntry first = null;
            for (int shard : shards.all()) {
                ShardChain chain = new ShardChain(shard, reader.head(shard));
                reader.eachOfShard(shard, chain::accept);
                entries += chain.entries();
                Optional<BrokenEntry> broken = chain.firstBreak(reader.head(shard));
                if (broken.isPresent() && (first == null || EARLIEST.compare(broken.get(), first) < 0)) {
                    first = broken.get();
                }
            }
            return new Verification(first == null, entries, first);
        });
    }
}
