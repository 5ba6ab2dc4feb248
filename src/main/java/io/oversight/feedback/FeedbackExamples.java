package io.oversight.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.qa.QaSampling;
import io.oversight.signals.SignalDetector;
import io.oversight.signals.SignalInput;
import io.oversight.signals.Signals;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviewers' and QA's verdicts as labelled customer messages, read with SQL from {@code ovs_proposal}
 * and {@code ovs_proposal_reason}:
 * <ul>
 *   <li>a person edited, rejected, vetoed or took over a proposal (by {@code decided_at} in the window): its
 *       latest customer message, labelled with the signals of the signal reasons it was escalated for (none
 *       when it was escalated for other reasons only), source {@code review:<DECISION>:<id>};</li>
 *   <li>a post-action audit found an automatic approval should have escalated and named a signal reason (by
 *       {@code qa_at} in the window): labelled with that reason's signal, source
 *       {@code qa:SHOULD_HAVE_ESCALATED:<id>}. A missed reason that is no signal (VIP, high value) is no
 *       example about customer language and is left out.</li>
 * </ul>
 * Approvals without changes are no examples. The language is the detector's for that message.
 */
@Service
class FeedbackExamples {

    /** Reason codes that stand for a customer-language signal. */
    static final Map<String, String> SIGNAL_OF_REASON = Map.of(
            "ANGRY_CUSTOMER", Signals.ANGER,
            "SENSITIVE_TOPIC", Signals.SENSITIVE_TOPIC,
            "SECURITY_CONCERN", Signals.SECURITY_CONCERN,
            "BILLING_DISPUTE", Signals.BILLING_DISPUTE,
            "CUSTOMER_REQUESTED_HUMAN", Signals.HUMAN_REQUESTED);

    /** Human overrides; system deciders are named "system:…". */
    static final List<String> OVERRIDES = List.of("EDIT", "REJECT", "VETO", "TAKE_OVER");

    private static final Set<String> NOT_CUSTOMER = Set.of("agent", "assistant", "system", "tool");

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final SignalDetector detector;

    FeedbackExamples(JdbcClient jdbc, ObjectMapper mapper, SignalDetector detector) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.detector = detector;
    }

    /** The window's examples: reviewer overrides by decision time, then QA findings by audit time. */
    @Transactional(readOnly = true)
    List<FeedbackExample> between(FeedbackWindow window) {
        Map<String, Object> bounds = Map.of("from", window.from().atOffset(ZoneOffset.UTC),
                "to", window.to().atOffset(ZoneOffset.UTC));
        Map<String, Set<String>> signals = new HashMap<>();
        jdbc.sql("""
                select r.proposal_id, r.reason from ovs_proposal p join ovs_proposal_reason r on r.proposal_id = p.id
                where p.decided_at >= :from and p.decided_at < :to and p.decided_by not like 'system%'
                  and p.decision in (:overrides)""")
                .params(bounds).param("overrides", OVERRIDES)
                .query(rs -> {
                    String signal = SIGNAL_OF_REASON.get(rs.getString("reason"));
                    Set<String> labels = signals.computeIfAbsent(rs.getString("proposal_id"), id -> new LinkedHashSet<>());
                    if (signal != null) {
                        labels.add(signal);
                    }
                });
        List<FeedbackExample> examples = new ArrayList<>();
        jdbc.sql("""
                select id, decision, body from ovs_proposal
                where decided_at >= :from and decided_at < :to and decided_by not like 'system%'
                  and decision in (:overrides)
                order by decided_at, id""")
                .params(bounds).param("overrides", OVERRIDES)
                .query(rs -> {
                    String id = rs.getString("id");
                    List<String> labels = inSignalOrder(signals.getOrDefault(id, Set.of()));
                    example(rs.getString("body"), labels, "review:" + rs.getString("decision") + ":" + id)
                            .ifPresent(examples::add);
                });
        jdbc.sql("""
                select id, qa_missed_reason, body from ovs_proposal
                where qa_at >= :from and qa_at < :to and qa_kind = :audit and qa_verdict = 'SHOULD_HAVE_ESCALATED'
                  and qa_missed_reason is not null
                order by qa_at, id""")
                .params(bounds).param("audit", QaSampling.POST_ACTION_AUDIT)
                .query(rs -> {
                    String signal = SIGNAL_OF_REASON.get(rs.getString("qa_missed_reason"));
                    if (signal != null) {
                        example(rs.getString("body"), List.of(signal), "qa:SHOULD_HAVE_ESCALATED:" + rs.getString("id"))
                                .ifPresent(examples::add);
                    }
                });
        return examples;
    }

    private static List<String> inSignalOrder(Set<String> labels) {
        return Signals.ALL.stream().filter(labels::contains).toList();
    }

    private java.util.Optional<FeedbackExample> example(String body, List<String> labels, String source) {
        String text = latestCustomerMessage(body);
        if (text == null) {
            return java.util.Optional.empty();
        }
        String language = detector.detect(new SignalInput("REPLY", List.of(new SignalInput.Message("customer", text)),
                null, false, null)).language();
        return java.util.Optional.of(new FeedbackExample(text, language, labels, source));
    }

    /** The last non-blank message of the conversation whose role is the customer's (as the detector counts them). */
    String latestCustomerMessage(String body) {
        JsonNode messages;
        try {
            messages = mapper.readTree(body).path("conversation").path("messages");
        } catch (JsonProcessingException e) {
            return null;
        }
        String latest = null;
        for (JsonNode message : messages) {
            String role = message.path("role").asText(null);
            String text = message.path("text").asText(null);
            boolean customer = role == null || !NOT_CUSTOMER.contains(role.strip().toLowerCase(Locale.ROOT));
            if (customer && text != null && !text.isBlank()) {
                latest = text;
            }
        }
        return latest;
    }
}
