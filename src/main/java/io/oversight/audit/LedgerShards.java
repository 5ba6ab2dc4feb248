package io.oversight.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's shards: how many there are (stored in the database by the first node, then fixed)
 * and which one a proposal's events go to. A proposal's shard is the first four bytes of the
 * SHA-256 of its id, read as an unsigned big-endian number, modulo the shard count; events of no
 * proposal go to shard 0. Established on first use (an event may be recorded before the
 * application is ready) and at the latest when it is ready, so a misconfigured node fails to start.
 * The first node also gives the ledger a random id, which its checkpoints outside the database carry.
 */
@Component
class LedgerShards {

    static final String SHARDS_SETTING = "shards";
    static final String LEDGER_ID_SETTING = "ledger-id";

    private final JdbcClient jdbc;
    private final AuditProperties properties;
    private final TransactionTemplate ownTransaction;
    private volatile int count;
    private volatile String ledgerId;

    LedgerShards(JdbcClient jdbc, AuditProperties properties, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void establishAtStart() {
        count();
    }

    int shardOf(String proposalId) {
        if (proposalId == null) {
            return 0;
        }
        return (int) (Integer.toUnsignedLong(firstFourBytes(proposalId)) % count());
    }

    /** The stored shard count; on first use stores the configured one and seeds missing heads. */
    int count() {
        int known = count;
        if (known == 0) {
            synchronized (this) {
                if (count == 0) {
                    count = establish();
                }
                known = count;
            }
        }
        return known;
    }

    /** The ledger's id, stored with it by the first node. */
    String ledgerId() {
        count();
        return ledgerId;
    }

    private int establish() {
        ledgerId = establishLedgerId();
        int configured = properties.shards();
        Integer stored = storedCount();
        if (stored == null) {
            insertOnce(() -> jdbc.sql("insert into ovs_ledger_setting (name, setting_value) values (?, ?)")
                    .params(SHARDS_SETTING, Integer.toString(configured)).update());
            stored = storedCount();
        }
        if (stored != configured) {
            throw new IllegalStateException("The audit ledger of this database has " + stored
                    + " shards, fixed when it was created; oversight.audit.shards=" + configured
                    + " cannot change that. Set it to " + stored + " or remove it.");
        }
        Set<Integer> existing = new HashSet<>(jdbc.sql("select shard from ovs_ledger_head").query(Integer.class).list());
        for (int shard = 0; shard < stored; shard++) {
            if (!existing.contains(shard)) {
                int missing = shard;
                insertOnce(() -> jdbc.sql("insert into ovs_ledger_head (shard, last_seq, last_hash) values (?, 0, ?)")
                        .params(missing, LedgerHash.GENESIS).update());
            }
        }
        return stored;
    }

    /** Every shard with a chain to check: the configured ones and any other with a head. */
    List<Integer> all() {
        Set<Integer> shards = new HashSet<>(jdbc.sql("select shard from ovs_ledger_head").query(Integer.class).list());
        for (int shard = 0; shard < count(); shard++) {
            shards.add(shard);
        }
        return shards.stream().sorted().toList();
    }

    private String establishLedgerId() {
        if (storedLedgerId() == null) {
            insertOnce(() -> jdbc.sql("insert into ovs_ledger_setting (name, setting_value) values (?, ?)")
                    .params(LEDGER_ID_SETTING, UUID.randomUUID().toString()).update());
        }
        return storedLedgerId();
    }

    private String storedLedgerId() {
        return jdbc.sql("select setting_value from ovs_ledger_setting where name = ?").param(LEDGER_ID_SETTING)
                .query(String.class).optional().orElse(null);
    }

    private Integer storedCount() {
        return jdbc.sql("select setting_value from ovs_ledger_setting where name = ?").param(SHARDS_SETTING)
                .query(String.class).optional().map(Integer::valueOf).orElse(null);
    }

    /** Inserts in a transaction of its own: another node starting at the same time may win the race. */
    private void insertOnce(Supplier<Integer> insert) {
        try {
            ownTransaction.execute(status -> insert.get());
        } catch (DuplicateKeyException raced) {
            // the other node stored the same row
        }
    }

    private static int firstFourBytes(String proposalId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(proposalId.getBytes(StandardCharsets.UTF_8));
            return ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
