package io.oversight.review;

import static io.oversight.audit.AuditLog.details;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.escalation.AgentProposalProcess.Vars;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Writes a person's review decision into the audit trail, in the completion's transaction. */
@Component
class DecisionEvents {

    private final AuditLog audit;

    DecisionEvents(AuditLog audit) {
        this.audit = audit;
    }

    void claimedOrAssigned(DelegateTask task, String actingUser) {
        String assignee = task.getAssignee();
        boolean claim = assignee != null && assignee.equals(actingUser);
        audit.record(proposalId(task), claim ? AuditEventType.CLAIMED : AuditEventType.ASSIGNED,
                actingUser == null ? "system" : actingUser, details("assignee", assignee, "task", task.getTaskDefinitionKey()));
    }

    void decided(DelegateTask task, String reviewer) {
        String decision = text(task, ReviewVars.DECISION);
        String comment = text(task, ReviewVars.REVIEW_COMMENT);
        String step = task.getTaskDefinitionKey();
        String id = proposalId(task);
        switch (decision) {
            case "EDIT" -> {
                audit.record(id, AuditEventType.EDITED, reviewer, editDetails(task));
                audit.record(id, AuditEventType.DECIDED, reviewer, details("decision", decision, "comment", comment, "step", step));
            }
            case "APPROVE", "REJECT" ->
                    audit.record(id, AuditEventType.DECIDED, reviewer, details("decision", decision, "comment", comment, "step", step));
            case "VETO" -> audit.record(id, AuditEventType.VETOED, reviewer, details("comment", comment));
            case "TAKE_OVER" -> audit.record(id, AuditEventType.TAKEN_OVER, reviewer,
                    details("humanReply", text(task, ReviewVars.HUMAN_REPLY), "comment", comment));
            case "REASSIGN" -> audit.record(id, AuditEventType.REASSIGNED, reviewer, details(
                    "from", task.getVariable(Vars.REVIEW_QUEUE), "to", text(task, ReviewVars.REASSIGN_TO), "comment", comment));
            case "REQUEST_INFO" -> audit.record(id, AuditEventType.INFO_REQUESTED, reviewer,
                    details("question", text(task, ReviewVars.INFO_REQUEST), "comment", comment));
            default -> throw new IllegalStateException("unknown decision " + decision);
        }
    }

    private static java.util.Map<String, Object> editDetails(DelegateTask task) {
        Object finalReply = task.getVariable(ReviewVars.FINAL_REPLY);
        if (finalReply != null && task.getVariable(ReviewVars.FINAL_ACTION) == null) {
            String before = text(task, "proposedReply");
            return details("before", before, "after", finalReply, "diff", Diff.lines(before, finalReply.toString()));
        }
        String before = text(task, ReviewVars.EDITED_ACTION_ORIGINAL);
        String after = text(task, ReviewVars.FINAL_ACTION);
        return details("before", before, "after", after, "diff", Diff.lines(before, after));
    }

    private static String proposalId(DelegateTask task) {
        return (String) task.getVariable(Vars.PROPOSAL_ID);
    }

    private static String text(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        return value == null ? null : value.toString();
    }

    /** A line diff good enough for a reviewer's edit: removed lines with "- ", added lines with "+ ". */
    static final class Diff {

        private Diff() {}

        static String lines(String before, String after) {
            List<String> a = before == null ? List.of() : List.of(before.split("\n", -1));
            List<String> b = after == null ? List.of() : List.of(after.split("\n", -1));
            StringBuilder diff = new StringBuilder();
            a.stream().filter(line -> !b.contains(line)).forEach(line -> diff.append("- ").append(line).append('\n'));
            b.stream().filter(line -> !a.contains(line)).forEach(line -> diff.append("+ ").append(line).append('\n'));
            return diff.toString().stripTrailing();
        }
    }
}
