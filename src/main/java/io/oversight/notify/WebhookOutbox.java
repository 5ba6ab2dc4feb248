package io.oversight.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The webhook outbox table. A node sends a delivery only after claiming it with a conditional
 * update, so nodes sharing the database never send the same delivery at the same time; the claim
 * time doubles as a fencing token for recording the result. Only the oldest pending delivery of a
 * proposal is due, which keeps a proposal's callbacks in order.
 */
@Repository
class WebhookOutbox {

    private static final int MAX_ERROR_LENGTH = 1000;

    /** Pending, due, not claimed by a live node, and no earlier delivery of the proposal still pending. */
    private static final String DUE = """
            d.status = 'PENDING' and d.next_attempt_at <= :now
              and (d.claimed_until is null or d.claimed_until < :now)
              and not exists (select 1 from ovs_webhook_delivery e
                              where e.proposal_id = d.proposal_id and e.status = 'PENDING' and e.seq < d.seq)
            """;

    private final JdbcClient jdbc;

    WebhookOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String add(String proposalId, String url, String body, Instant now) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                insert into ovs_webhook_delivery (id, proposal_id, url, body, attempts, next_attempt_at, status, created_at)
                values (:id, :proposalId, :url, :body, 0, :now, 'PENDING', :now)
                """)
                .param("id", id).param("proposalId", proposalId).param("url", url).param("body", body)
                .param("now", utc(now))
                .update();
        return id;
    }

    /** Ids of deliveries due now, oldest first. */
    List<String> due(Instant now, int limit) {
        return jdbc.sql("select d.id from ovs_webhook_delivery d where " + DUE + " order by d.seq limit :limit")
                .param("now", utc(now)).param("limit", limit)
                .query(String.class).list();
    }

    /** Claims a due delivery until the given time; empty when it is not due or another node holds it. */
    Optional<Claim> claim(String id, Instant now, Instant until) {
        Claim claim = new Claim(id, until.truncatedTo(ChronoUnit.MILLIS));
        int updated = jdbc.sql("update ovs_webhook_delivery d set claimed_until = :until where d.id = :id and " + DUE)
                .param("until", utc(claim.until())).param("id", id).param("now", utc(now))
                .update();
        return updated == 1 ? Optional.of(claim) : Optional.empty();
    }

    /** The delivery that follows the given one in its proposal's order, if any is pending. */
    Optional<String> nextPending(String proposalId) {
        return jdbc.sql("""
                select id from ovs_webhook_delivery
                where proposal_id = :proposalId and status = 'PENDING' order by seq limit 1
                """).param("proposalId", proposalId).query(String.class).optional();
    }

    Optional<WebhookDelivery> find(String id) {
        return jdbc.sql("select * from ovs_webhook_delivery where id = :id").param("id", id)
                .query(WebhookOutbox::map).optional();
    }

    List<WebhookDelivery> ofProposal(String proposalId) {
        return jdbc.sql("select * from ovs_webhook_delivery where proposal_id = :proposalId order by seq")
                .param("proposalId", proposalId).query(WebhookOutbox::map).list();
    }

    boolean delivered(Claim claim, int attempts, Instant at) {
        return jdbc.sql("""
                update ovs_webhook_delivery set status = 'DELIVERED', attempts = :attempts, delivered_at = :at,
                  last_error = null, claimed_until = null
                where id = :id and claimed_until = :claim
                """).param("attempts", attempts).param("at", utc(at))
                .param("id", claim.deliveryId()).param("claim", utc(claim.until()))
                .update() == 1;
    }

    boolean retryAt(Claim claim, int attempts, Instant next, String error) {
        return jdbc.sql("""
                update ovs_webhook_delivery set attempts = :attempts, next_attempt_at = :next, last_error = :error,
                  claimed_until = null
                where id = :id and claimed_until = :claim
                """).param("attempts", attempts).param("next", utc(next)).param("error", shorten(error))
                .param("id", claim.deliveryId()).param("claim", utc(claim.until()))
                .update() == 1;
    }

    boolean dead(Claim claim, int attempts, String error) {
        return jdbc.sql("""
                update ovs_webhook_delivery set status = 'DEAD', attempts = :attempts, last_error = :error,
                  claimed_until = null
                where id = :id and claimed_until = :claim
                """).param("attempts", attempts).param("error", shorten(error))
                .param("id", claim.deliveryId()).param("claim", utc(claim.until()))
                .update() == 1;
    }

    /** This node's hold on one delivery. */
    record Claim(String deliveryId, Instant until) {}

    private static String shorten(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    /** Microseconds, the precision both H2 and PostgreSQL store, so a stored time compares equal. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static WebhookDelivery map(ResultSet rs, int rowNum) throws SQLException {
        return new WebhookDelivery(rs.getString("id"), rs.getString("proposal_id"), rs.getString("url"),
                rs.getString("body"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                WebhookDelivery.Status.valueOf(rs.getString("status")), rs.getString("last_error"),
                instant(rs, "claimed_until"), instant(rs, "created_at"), instant(rs, "delivered_at"));
    }
}
