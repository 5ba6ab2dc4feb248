package io.oversight.escalation;

import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalType;
import io.oversight.signals.Signal;
import io.oversight.signals.SignalDetector;
import io.oversight.signals.SignalInput;
import io.oversight.signals.SignalReport;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Runs the signal detectors and hands one score per signal to the rules. */
@Component("detectSignals")
class DetectSignalsDelegate implements JavaDelegate {

    static final String LANGUAGE_DETAIL = "language";

    private final SignalDetector detector;
    private final ProposalRequests requests;

    DetectSignalsDelegate(SignalDetector detector, ProposalRequests requests) {
        this.detector = detector;
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ProposalRequest request = requests.of(execution);
        SignalReport report = detector.detect(input(request));
        Map<String, String> details = new LinkedHashMap<>();
        for (Signal signal : report.signals().values()) {
            execution.setVariable(signal.name(), Variables.doubleValue(signal.score(), true));
            if (signal.score() > 0.0) {
                details.put(signal.name(), signal.detail()); // the rules' cells decide which ones fire
            }
        }
        if (!report.languageCovered()) {
            details.put(LANGUAGE_DETAIL, "the customer writes in language '" + report.language()
                    + "', which the signal detectors do not cover");
        }
        execution.setVariable(Vars.LANGUAGE_COVERED, Variables.booleanValue(report.languageCovered(), true));
        execution.setVariable(Vars.CUSTOMER_LANGUAGE, Variables.stringValue(report.language(), true));
        execution.setVariable(Vars.SIGNAL_MODEL, Variables.stringValue(report.modelVersion(), true));
        execution.setVariable(Vars.SIGNAL_DETAILS, Variables.objectValue(details, true).create());
    }

    static SignalInput input(ProposalRequest r) {
        var messages = r.conversation().messages().stream()
                .map(m -> new SignalInput.Message(m.role(), m.text())).toList();
        String proposed = r.type() == ProposalType.REPLY ? r.reply().text() : r.action().summary();
        return new SignalInput(r.type().name(), messages, proposed, !r.sourcesOrEmpty().isEmpty(), r.signals());
    }
}
