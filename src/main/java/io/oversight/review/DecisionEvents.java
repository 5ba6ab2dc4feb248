package io.oversight.review;

import static io.oversight.audit.AuditLog.details;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.proposal.ProposalDocument.Review;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalStore;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Writes a person's validated review decision into the audit trail, in the completion's transaction. */
@Component
class DecisionEvents {

    private final AuditLog audit;
    private final ProposalStore store;
    private final ProposalJson json;

    DecisionEvents(AuditLog audit, ProposalStore store, ProposalJson json) {
        this.audit = audit;
        this.store = store;
        this.json = json;
    }

    void claimedOrAssigned(DelegateTask task, String actingUser) {
        String assignee = task.getAssignee();
        boolean claim = assignee != null && assignee.equals(actingUser);
        audit.record((String) task.getVariable(Vars.PROPOSAL_ID), claim ? AuditEventType.CLAIMED : AuditEventType.ASSIGNED,
                actingUser == null ? "system" : actingUser, details("assignee", assignee, "task", task.getTaskDefinitionKey()));
    }

    void decided(DecisionState s, String reviewer) {
        String id = s.proposalId();
        String comment = s.reviewComment();
        switch (s.decision()) {
            case "EDIT" -> {
                String after = s.approvedReply() != null ? s.approvedReply() : s.approvedAction();
                audit.record(id, AuditEventType.EDITED, reviewer,
                        details("before", s.editBefore(), "after", after, "diff", Diff.lines(s.editBefore(), after)));
                audit.record(id, AuditEventType.DECIDED, reviewer, details("decision", "EDIT", "comment", comment, "step", s.step()));
            }
            case "APPROVE", "REJECT" ->
                    audit.record(id, AuditEventType.DECIDED, reviewer, details("decision", s.decision(), "comment", comment,
                            "step", s.step()));
            case "VETO" -> audit.record(id, AuditEventType.VETOED, reviewer, details("comment", comment));
            case "TAKE_OVER" -> audit.record(id, AuditEventType.TAKEN_OVER, reviewer,
                    details("humanReply", s.humanReply(), "comment", comment));
            case "REASSIGN" -> audit.record(id, AuditEventType.REASSIGNED, reviewer, details(
                    "from", queue(id), "to", s.reassignTo(), "comment", comment));
            case "REQUEST_INFO" -> audit.record(id, AuditEventType.INFO_REQUESTED, reviewer,
                    details("question", s.infoRequest(), "comment", comment));
            default -> throw new IllegalStateException("unknown decision " + s.decision());
        }
    }

    private String queue(String proposalId) {
        return store.find(proposalId).map(r -> json.read(r.review(), Review.class)).map(Review::queue).orElse(null);
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
