package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appending against a real database: in the caller's transaction, one batch per shard at its commit, in
 * parallel, one lock per shard.
 */
abstract class LedgerAppendContract {

    @Autowired AuditLog audit;
    @Autowired LedgerVerifier verifier;
    @Autowired LedgerShards shards;
    @Autowired LedgerReader reader;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;
    @Autowired MeterRegistry meters;

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void eventRolledBackWithItsTransactionLeavesNoTrace() {
        String proposal = UUID.randomUUID().toString();
        LedgerHead before = reader.head(shards.shardOf(proposal));

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            audit.record(proposal, AuditEventType.DECIDED, "lena", Map.of("decision", "APPROVE"));
            assertThat(count(proposal)).as("collected until the caller's transaction commits").isZero();
            tx.setRollbackOnly();
        });

        assertThat(count(proposal)).isZero();
        assertThat(reader.head(before.shard())).isEqualTo(before);
    }

    @Test
    void theEventsOfOneTransactionAreOneAppendAtCommit() {
        String proposal = UUID.randomUUID().toString();
        LedgerHead before = reader.head(shards.shardOf(proposal));
        double batches = meters.counter("oversight.audit.ledger.batches").count();
        double written = meters.counter("oversight.audit.ledger.entries").count();

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            audit.record(proposal, AuditEventType.PROPOSED, "agent:support-bot", Map.of("type", "REPLY"));
            audit.record(proposal, AuditEventType.RULES_EVALUATED, "system", Map.of("reasons", List.of()));
            audit.record(proposal, AuditEventType.DECIDED, "system", Map.of("decision", "APPROVE"));
            assertThat(count(proposal)).isZero();
            assertThat(reader.head(before.shard())).as("the head is not locked or moved before the commit")
                    .isEqualTo(before);
        });

        assertThat(meters.counter("oversight.audit.ledger.batches").count() - batches).as("ledger appends").isEqualTo(1);
        assertThat(meters.counter("oversight.audit.ledger.entries").count() - written).isEqualTo(3);
        List<LedgerEntry> entries = reader.ofProposal(proposal);
        assertThat(entries).extracting(LedgerEntry::type).containsExactly("PROPOSED", "RULES_EVALUATED", "DECIDED");
        assertThat(entries).extracting(LedgerEntry::seq)
                .containsExactly(before.lastSeq() + 1, before.lastSeq() + 2, before.lastSeq() + 3);
        assertThat(entries.get(0).prevHash()).isEqualTo(before.lastHash());
        assertThat(entries.get(1).prevHash()).isEqualTo(entries.get(0).hash());
        assertThat(entries.get(2).prevHash()).isEqualTo(entries.get(1).hash());
        assertThat(entries).extracting(LedgerEntry::occurredAt).as("one batch, one time").containsOnly(entries.get(0).occurredAt());
        assertThat(reader.head(before.shard())).isEqualTo(new LedgerHead(before.shard(), before.lastSeq() + 3,
                entries.get(2).hash()));
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void aTransactionOverTwoShardsAppendsOnceToEach() {
        String proposal = proposalOnShard(5);
        double batches = meters.counter("oversight.audit.ledger.batches").count();

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            audit.record(proposal, AuditEventType.SLA_WARNING, "system", Map.of());
            audit.record(null, AuditEventType.POLICY_CHANGED, "lena", Map.of("mode", "PAUSED"));
            audit.record(proposal, AuditEventType.SLA_BREACHED, "system", Map.of());
        });

        assertThat(meters.counter("oversight.audit.ledger.batches").count() - batches).isEqualTo(2);
        assertThat(reader.ofProposal(proposal)).extracting(LedgerEntry::type).containsExactly("SLA_WARNING", "SLA_BREACHED");
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void aNestedTransactionOfItsOwnCommitsItsEventsWhateverTheOuterOneDoes() {
        String proposal = UUID.randomUUID().toString();
        TransactionTemplate requiresNew = new TransactionTemplate(transactions);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        new TransactionTemplate(transactions).executeWithoutResult(outer -> {
            audit.record(proposal, AuditEventType.CLAIMED, "lena", Map.of("n", 1));
            requiresNew.executeWithoutResult(inner -> audit.record(proposal, AuditEventType.ASSIGNED, "lena", Map.of()));
            audit.record(proposal, AuditEventType.CLAIMED, "lena", Map.of("n", 2));
            outer.setRollbackOnly();
        });
        assertThat(reader.ofProposal(proposal)).extracting(LedgerEntry::type).containsExactly("ASSIGNED");

        new TransactionTemplate(transactions).executeWithoutResult(outer -> {
            audit.record(proposal, AuditEventType.CLAIMED, "lena", Map.of("n", 3));
            requiresNew.executeWithoutResult(inner -> audit.record(proposal, AuditEventType.ASSIGNED, "lena", Map.of()));
            audit.record(proposal, AuditEventType.CLAIMED, "lena", Map.of("n", 4));
        });
        assertThat(reader.ofProposal(proposal)).extracting(LedgerEntry::details)
                .containsExactly("{}", "{}", "{\"n\":3}", "{\"n\":4}");
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void concurrentAppendsKeepEveryChainGaplessAndLoseNothing() throws Exception {
        Map<Integer, Long> headsBefore = heads();
        String actor = "load-" + UUID.randomUUID();
        List<String> proposals = IntStream.range(0, 40).mapToObj(i -> UUID.randomUUID().toString()).toList();
        List<String> tasks = new ArrayList<>();
        proposals.forEach(p -> tasks.addAll(Collections.nCopies(6, p)));
        tasks.addAll(Collections.nCopies(60, proposals.get(0)));
        tasks.addAll(Collections.nCopies(30, "")); // policy events, all on shard 0
        Collections.shuffle(tasks);
        CountDownLatch start = new CountDownLatch(1);
        int threads = 8;
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int slice = t;
            workers.add(pool.submit(() -> {
                start.await();
                for (int i = slice; i < tasks.size(); i += threads) {
                    String p = tasks.get(i).isEmpty() ? null : tasks.get(i);
                    audit.record(p, AuditEventType.QUEUED, actor, Map.of("n", i));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }

        assertThat(jdbc.sql("select count(*) from ovs_audit_event where actor = ?").param(actor).query(Long.class)
                .single()).isEqualTo(tasks.size());
        assertThat(count(proposals.get(0))).isEqualTo(66);
        Map<Integer, Long> headsAfter = heads();
        for (int shard : headsAfter.keySet()) {
            List<Long> seqs = jdbc.sql("select seq from ovs_audit_event where shard = ? and seq > ? order by seq")
                    .params(shard, headsBefore.get(shard)).query(Long.class).list();
            assertThat(seqs).as("shard %d", shard).containsExactlyElementsOf(
                    LongStream.rangeClosed(headsBefore.get(shard) + 1, headsAfter.get(shard)).boxed().toList());
        }
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void verifyingWhileTheLedgerGrowsNeverReportsABreak() throws Exception {
        AtomicBoolean appending = new AtomicBoolean(true);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            writers.add(pool.submit(() -> {
                String proposal = UUID.randomUUID().toString();
                while (appending.get()) {
                    audit.record(proposal, AuditEventType.SLA_WARNING, "system", Map.of());
                    audit.record(null, AuditEventType.POLICY_CHANGED, "lena", Map.of());
                }
                return null;
            }));
        }
        try {
            for (int i = 0; i < 15; i++) {
                Verification verification = verifier.verify();
                assertThat(verification.firstBrokenEntry()).as("verification %d", i).isNull();
            }
        } finally {
            appending.set(false);
        }
        for (Future<?> writer : writers) {
            writer.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void appendsToOtherShardsDoNotWaitForAHeldShard() throws Exception {
        String held = proposalOnShard(3);
        String sameShard = proposalOnShard(3);
        String otherShard = proposalOnShard(4);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // a transaction in the middle of its commit holds its shard's head, as another node's may
        Future<?> holder = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.sql("select last_seq from ovs_ledger_head where shard = 3 for update").query(Long.class).single();
            locked.countDown();
            await(release);
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        pool.submit(() -> audit.record(otherShard, AuditEventType.CLAIMED, "quinn", Map.of())).get(5, TimeUnit.SECONDS);
        Future<?> queued = pool.submit(() -> audit.record(sameShard, AuditEventType.CLAIMED, "admin", Map.of()));
        Thread.sleep(300);
        assertThat(queued.isDone()).as("same shard waits for the held lock").isFalse();
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        queued.get(10, TimeUnit.SECONDS);
        assertThat(count(sameShard)).isEqualTo(1);
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void aTransactionHoldsItsShardOnlyWhileItCommits() throws Exception {
        String held = proposalOnShard(3);
        String sameShard = proposalOnShard(3);
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            audit.record(held, AuditEventType.CLAIMED, "lena", Map.of());
            recorded.countDown();
            await(release);
        }));
        assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();

        pool.submit(() -> audit.record(sameShard, AuditEventType.CLAIMED, "admin", Map.of())).get(5, TimeUnit.SECONDS);
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);

        long heldSeq = jdbc.sql("select seq from ovs_audit_event where proposal_id = ?").param(held).query(Long.class).single();
        long otherSeq = jdbc.sql("select seq from ovs_audit_event where proposal_id = ?").param(sameShard)
                .query(Long.class).single();
        assertThat(heldSeq).as("appended when it committed, after the other").isEqualTo(otherSeq + 1);
        assertThat(verifier.verify().valid()).isTrue();
    }

    private String proposalOnShard(int shard) {
        String id;
        do {
            id = UUID.randomUUID().toString();
        } while (shards.shardOf(id) != shard);
        return id;
    }

    private long count(String proposal) {
        return jdbc.sql("select count(*) from ovs_audit_event where proposal_id = ?").param(proposal).query(Long.class)
                .single();
    }

    private Map<Integer, Long> heads() {
        Map<Integer, Long> heads = new HashMap<>();
        jdbc.sql("select shard, last_seq, last_hash from ovs_ledger_head").query(LedgerHead::read).list()
                .forEach(head -> heads.put(head.shard(), head.lastSeq()));
        return heads;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
