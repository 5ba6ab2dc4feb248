package io.oversight.qa;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Guards a QA verdict at completion, and names the task after the case. */
@Component
class QaTaskListener {

    static final Set<String> VERDICTS = Set.of("OK", "SHOULD_HAVE_ESCALATED", "QUALITY_ISSUE");
    static final String REASON_CODE = "[A-Z][A-Z0-9_]{0,49}";
    static final Set<String> BLIND_DECISIONS = Set.of("APPROVE", "EDIT", "REJECT");

    @EventListener(condition = "#task.eventName == 'create'")
    public void onCreate(DelegateTask task) {
        if (isQaTask(task) && task.getVariable("reviewHeadline") instanceof String headline) {
            task.setName((QaSampling.BLIND_REVIEW.equals(task.getVariable("qaKind")) ? "Blind review: " : "QA: ") + headline);
        }
    }

    @EventListener(condition = "#task.eventName == 'complete'")
    public void onComplete(DelegateTask task) {
        if (!isQaTask(task)) {
            return;
        }
        if (QaSampling.BLIND_REVIEW.equals(task.getVariable("qaKind"))) {
            Object decision = task.getVariable("blindDecision");
            if (decision == null || !BLIND_DECISIONS.contains(decision.toString())) {
                throw new FormFieldValidationException("qaVerdict", "QA refused: blindDecision must be one of APPROVE, EDIT, REJECT");
            }
            return;
        }
        Object verdict = task.getVariable("qaVerdict");
        if (verdict == null || !VERDICTS.contains(verdict.toString())) {
            throw new FormFieldValidationException("qaVerdict", "QA refused: qaVerdict must be one of OK, QUALITY_ISSUE, SHOULD_HAVE_ESCALATED");
        }
        Object missed = task.getVariable(QaSampling.MISSED_REASON);
        if (missed != null && !missed.toString().isBlank()
                && (!"SHOULD_HAVE_ESCALATED".equals(verdict) || !missed.toString().strip().matches(REASON_CODE))) {
            throw new FormFieldValidationException("qaVerdict", "QA refused: missedReason is a reason code such as ANGRY_CUSTOMER, "
                    + "and only with SHOULD_HAVE_ESCALATED");
        }
        Object comment = task.getVariable("reviewComment");
        if (!"OK".equals(verdict) && (comment == null || comment.toString().isBlank())) {
            throw new FormFieldValidationException("qaVerdict", "QA refused: " + verdict + " needs a reviewComment");
        }
    }

    private static boolean isQaTask(DelegateTask task) {
        return task.getProcessDefinitionId() != null && task.getProcessDefinitionId().startsWith(QaSampling.PROCESS_KEY + ":");
    }
}
