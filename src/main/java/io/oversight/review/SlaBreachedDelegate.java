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

/**
 * The SLA has passed: support leads get the open review as well, at top priority. Nothing is
 * approved or dropped; the original queue can still decide.
 */
@Component("slaBreached")
class SlaBreachedDelegate implements JavaDelegate {

    private final ReviewCase reviewCase;
    private final TaskService tasks;
    private final InstanceReadGrants grants;

    SlaBreachedDelegate(ReviewCase reviewCase, TaskService tasks, InstanceReadGrants grants) {
        this.reviewCase = reviewCase;
        this.tasks = tasks;
        this.grants = grants;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (Boolean.TRUE.equals(execution.getVariable(Vars.SLA_BREACHED))) {
            return;
        }
        execution.setVariable(Vars.SLA_BREACHED, true);
        String leads = ReviewCase.handOverGroup(execution);
        int max = ReviewCase.number(execution, ReviewCase.MAX_PRIORITY);
        execution.setVariable(Vars.REVIEW_PRIORITY, max);
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active().list()) {
            tasks.addCandidateGroup(task.getId(), leads);
            tasks.setPriority(task.getId(), max);
        }
        grants.grant(leads, execution.getProcessInstanceId());
        Review before = reviewCase.review(execution);
        reviewCase.audit(execution, AuditEventType.SLA_BREACHED, "system", AuditLog.details(
                "dueAt", before.dueAt().toString(), "queue", before.queue(), "handedTo", leads));
        Review after = new Review(before.queue(), max, before.dueAt(), before.controlModel(),
                before.assignee());
        reviewCase.update(execution, ProposalChange.none().withReview(reviewCase.write(after), after)
                .withCustomerMessage(reviewCase.customerMessage(execution, Situation.SLA_BREACHED, before.queue())));
    }
}
