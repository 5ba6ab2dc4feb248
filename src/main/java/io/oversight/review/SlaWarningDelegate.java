package io.oversight.review;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.customer.CustomerMessages.Situation;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalDocument.Review;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** The SLA is near: the open review rises in its queue (by the model's priorityStep) and the customer hears an updated estimate. */
@Component("slaWarning")
class SlaWarningDelegate implements JavaDelegate {

    private final ReviewCase reviewCase;
    private final TaskService tasks;

    SlaWarningDelegate(ReviewCase reviewCase, TaskService tasks) {
        this.reviewCase = reviewCase;
        this.tasks = tasks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (Boolean.TRUE.equals(execution.getVariable(Vars.SLA_WARNED))) {
            return; // re-entering review (reassign, answer) recreates the timer; warn once per proposal
        }
        execution.setVariable(Vars.SLA_WARNED, true);
        int step = ReviewCase.number(execution, ReviewCase.PRIORITY_STEP);
        int max = ReviewCase.number(execution, ReviewCase.MAX_PRIORITY);
        int raised = Math.min(max, ((Number) execution.getVariable(Vars.REVIEW_PRIORITY)).intValue() + step);
        execution.setVariable(Vars.REVIEW_PRIORITY, raised);
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active().list()) {
            tasks.setPriority(task.getId(), raised);
        }
        Review before = reviewCase.review(execution);
        reviewCase.audit(execution, AuditEventType.SLA_WARNING, "system", AuditLog.details(
                "priority", raised, "dueAt", before.dueAt().toString(), "queue", before.queue()));
        Review after = new Review(before.queue(), raised, before.dueAt(), before.controlModel(), before.assignee());
        reviewCase.update(execution, ProposalChange.none().withReview(reviewCase.write(after), after)
                .withCustomerMessage(reviewCase.customerMessage(execution, Situation.SLA_WARNING, before.queue())));
    }
}
