package io.oversight.escalation;

import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalRequest;
import io.oversight.signals.SignalDetector;
import io.oversight.signals.SignalReport;
import io.oversight.web.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Backtests a candidate version of the escalation rules against the proposals of a window, without
 * changing anything live: the stored submissions are run through today's detectors and the candidate
 * table (policy mode EXCEPTIONS_ONLY, so the rules themselves are compared) and set against what
 * actually happened.
 */
@Service
class RulesReplay {

    static final int MAX_PROPOSALS = 100_000;

    record Result(int proposals, int escalatedNow, int escalatedWithCandidate, List<String> newlyEscalated,
            List<String> noLongerEscalated, int overriddenNowAutoApproved, int missedEscalationsCaught) {}

    private record Past(String id, String body, boolean escalated, String decision, String decidedBy, String qaVerdict) {}

    private final JdbcClient jdbc;
    private final ProposalJson json;
    private final SignalDetector detector;
    private final DmnEngine dmn;

    RulesReplay(JdbcClient jdbc, ProposalJson json, SignalDetector detector) {
        this.jdbc = jdbc;
        this.json = json;
        this.detector = detector;
        // a standalone DMN engine: candidates are evaluated outside the process engine and its history,
        // with FEEL only (FeelOnlyDmn): a candidate is code a support lead sends
        this.dmn = FeelOnlyDmn.engine();
    }

    Result replay(String dmnXml, Instant from, Instant to) {
        DmnDecision candidate = parse(dmnXml);
        List<Past> window = jdbc.sql("""
                select id, body, escalated, decision, decided_by, qa_verdict from ovs_proposal
                where created_at >= :from and created_at < :to order by created_at limit :limit""")
                .param("from", from.atOffset(ZoneOffset.UTC)).param("to", to.atOffset(ZoneOffset.UTC))
                .param("limit", MAX_PROPOSALS)
                .query((rs, n) -> new Past(rs.getString("id"), rs.getString("body"), rs.getBoolean("escalated"),
                        rs.getString("decision"), rs.getString("decided_by"), rs.getString("qa_verdict")))
                .list();
        List<String> newly = new ArrayList<>();
        List<String> noLonger = new ArrayList<>();
        int escalatedNow = 0;
        int escalatedCandidate = 0;
        int overriddenNowAuto = 0;
        int missedCaught = 0;
        for (Past past : window) {
            boolean escalates = escalatesOrRefuse(candidate, past);
            escalatedNow += past.escalated() ? 1 : 0;
            escalatedCandidate += escalates ? 1 : 0;
            if (escalates && !past.escalated()) {
                newly.add(past.id());
                missedCaught += "SHOULD_HAVE_ESCALATED".equals(past.qaVerdict()) ? 1 : 0;
            }
            if (!escalates && past.escalated()) {
                noLonger.add(past.id());
                boolean overridden = past.decidedBy() != null && !past.decidedBy().startsWith("system")
                        && List.of("EDIT", "REJECT", "VETO", "TAKE_OVER").contains(past.decision());
                overriddenNowAuto += overridden ? 1 : 0;
            }
        }
        return new Result(window.size(), escalatedNow, escalatedCandidate, newly, noLonger, overriddenNowAuto, missedCaught);
    }

    private boolean escalatesOrRefuse(DmnDecision candidate, Past past) {
        try {
            return escalates(candidate, json.read(past.body(), ProposalRequest.class));
        } catch (org.camunda.bpm.dmn.engine.DmnEngineException | org.camunda.bpm.dmn.feel.impl.FeelException
                | IllegalStateException e) {
            throw InvalidRequestException.of("dmnXml", "cannot be evaluated for proposal " + past.id() + ": " + e.getMessage());
        }
    }

    private boolean escalates(DmnDecision candidate, ProposalRequest request) {
        Map<String, Object> inputs = RuleInputs.of(request, "EXCEPTIONS_ONLY");
        SignalReport signals = detector.detect(ProposalJudge.input(request));
        inputs.putAll(signals.scores());
        inputs.put(AgentProposalProcess.Vars.LANGUAGE_COVERED, signals.languageCovered());
        return !dmn.evaluateDecisionTable(candidate, inputs).isEmpty();
    }

    private DmnDecision parse(String dmnXml) {
        if (dmnXml == null || dmnXml.isBlank()) {
            throw InvalidRequestException.of("dmnXml", "is required: a candidate version of escalationRules");
        }
        FeelOnlyDmn.check(dmnXml);
        try {
            DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(dmnXml.getBytes(StandardCharsets.UTF_8)));
            return dmn.parseDecision(AgentProposalProcess.DECISION_KEY, model);
        } catch (RuntimeException e) {
            throw InvalidRequestException.of("dmnXml", "is not a valid DMN with decision escalationRules: " + e.getMessage());
        }
    }
}
