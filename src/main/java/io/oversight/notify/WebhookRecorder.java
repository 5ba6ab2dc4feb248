package io.oversight.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.proposal.ProposalChanged;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalRecord;
import io.oversight.proposal.ProposalStore;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes a webhook delivery for every status change of a proposal that has a callbackUrl. It runs
 * inside the transaction that changes the status, so the outbox row commits or rolls back with it;
 * the body is the proposal document as the API shows it at that moment.
 */
@Component
class WebhookRecorder {

    private static final Logger log = LoggerFactory.getLogger(WebhookRecorder.class);

    private final ProposalStore proposals;
    private final ProposalJson json;
    private final ObjectMapper mapper;
    private final WebhookOutbox outbox;
    private final WebhookProperties properties;
    private final ApplicationEventPublisher events;

    WebhookRecorder(ProposalStore proposals, ProposalJson json, ObjectMapper mapper, WebhookOutbox outbox,
            WebhookProperties properties, ApplicationEventPublisher events) {
        this.proposals = proposals;
        this.json = json;
        this.mapper = mapper;
        this.outbox = outbox;
        this.properties = properties;
        this.events = events;
    }

    @EventListener
    void onChange(ProposalChanged change) {
        if (change.status() == null || !properties.enabled()) {
            return;
        }
        ProposalRecord proposal = proposals.find(change.proposalId()).orElseThrow();
        callbackUrl(proposal).ifPresent(url -> {
            String id = outbox.add(proposal.id(), url, body(proposal), Instant.now());
            events.publishEvent(new DeliveryQueued(id));
        });
    }

    private Optional<String> callbackUrl(ProposalRecord proposal) {
        String url;
        try {
            url = mapper.readTree(proposal.body()).path("callbackUrl").asText("");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored body of proposal " + proposal.id() + " is unreadable", e);
        }
        if (url.isBlank()) {
            return Optional.empty();
        }
        if (!isHttp(url)) {
            log.warn("Proposal {} has a callbackUrl that is not an http(s) URL; no webhook is sent", proposal.id());
            return Optional.empty();
        }
        return Optional.of(url);
    }

    /** Submission already refuses other URLs; this guards rows written before that check, or by other paths. */
    static boolean isHttp(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private String body(ProposalRecord proposal) {
        try {
            return mapper.writeValueAsString(json.document(proposal));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Proposal " + proposal.id() + " cannot be written as JSON", e);
        }
    }
}
