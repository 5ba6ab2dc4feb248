package io.oversight.review;

import io.oversight.escalation.AgentProposalProcess.DecisionVars;
import io.oversight.escalation.AgentProposalProcess;
import io.oversight.escalation.AgentProposalProcess.Elements;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.escalation.ReviewDecisions;
import org.camunda.spin.plugin.variable.SpinValues;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalDocument.Review;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalStore;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Hooks on every review task of the agent-proposal process, registered once for all tasks. */
@Component
class ReviewTaskListener {

    /** The second approval's task name: this prefix and the case's headline (the first review's task name). */
    static final String SECOND_APPROVAL_PREFIX = "Second approval (finance): ";

    private final DecisionGuard guard;
    private final IdentityService identity;
    private final InstanceReadGrants grants;
    private final DecisionEvents events;
    private final ProposalStore store;
    private final ProposalJson json;

    ReviewTaskListener(DecisionGuard guard, IdentityService identity, InstanceReadGrants grants,
            ProposalStore store, ProposalJson json, DecisionEvents events) {
        this.events = events;
        this.guard = guard;
        this.identity = identity;
        this.grants = grants;
        this.store = store;
        this.json = json;
    }

    @EventListener(condition = "#task.eventName == 'create'")
    public void onCreate(DelegateTask task) {
        if (!isReviewTask(task)) {
            return;
        }
        // A decision of an earlier round (reassign, answered question) is cleared. The first task of an instance
        // started in this command has none, and asking would load the new task's variables from the database.
        if (!InstanceReadGrants.startedInThisCommand(task.getProcessInstanceId())) {
            task.removeVariables(List.of(DecisionVars.DECISION, DecisionVars.REVIEW_COMMENT, DecisionVars.REASSIGN_TO,
                    DecisionVars.INFO_REQUEST, DecisionVars.HUMAN_REPLY));
        }
        // the case's context lives on the instance: read there, not through the task's own (new, empty) variables
        DelegateExecution instance = task.getExecution();
        boolean secondApproval = Elements.SECOND_APPROVAL.equals(task.getTaskDefinitionKey());
        if (secondApproval) {
            task.setVariableLocal(ReviewDecisions.DECISION_OPTIONS,
                    SpinValues.jsonValue(json.write(ReviewDecisions.secondApprovalOptions())).create());
        }
        if (instance.getVariable("reasonsText") instanceof String reasons) {
            task.setDescription(reasons.length() > 3900 ? reasons.substring(0, 3900) : reasons);
        }
        if (instance.getVariable(ReviewCase.HEADLINE) instanceof String headline) {
            // the model names the step; the task names the case ("Approve refund of …")
            task.setName(secondApproval ? SECOND_APPROVAL_PREFIX + headline : headline);
        }
        grantCandidatesReadOnInstance(task);
    }

    @EventListener(condition = "#task.eventName == 'assignment'")
    public void onAssignment(DelegateTask task) {
        if (!isReviewTask(task)) {
            return;
        }
        Authentication current = identity.getCurrentAuthentication();
        events.claimedOrAssigned(task, current == null ? null : current.getUserId());
        String id = (String) task.getVariable(Vars.PROPOSAL_ID);
        store.find(id).map(r -> json.read(r.review(), Review.class)).ifPresent(review ->
                store.update(id, ProposalChange.none().withReview(json.write(review.withAssignee(task.getAssignee())),
                        review)));
    }

    @EventListener(condition = "#task.eventName == 'complete'")
    public void onComplete(DelegateTask task) {
        if (isReviewTask(task)) {
            DecisionGuard.Reviewer reviewer = reviewer();
            events.decided(guard.check(task, reviewer), reviewer.id());
        }
    }

    /** A decision is taken by an authenticated person (Tasklist, engine-rest, or the app acting for one). */
    private DecisionGuard.Reviewer reviewer() {
        Authentication current = identity.getCurrentAuthentication();
        if (current == null || current.getUserId() == null) {
            throw new DecisionRefusedException("a review decision needs an authenticated reviewer");
        }
        List<String> groups = current.getGroupIds() != null ? current.getGroupIds()
                : identity.createGroupQuery().groupMember(current.getUserId()).list().stream().map(g -> g.getId()).toList();
        return new DecisionGuard.Reviewer(current.getUserId(), groups);
    }

    /** Lets a queue's members read the proposal's variables shown in their Tasklist list, for this instance only. */
    private void grantCandidatesReadOnInstance(DelegateTask task) {
        task.getCandidates().stream().filter(link -> link.getGroupId() != null)
                .forEach(link -> grants.grant(link.getGroupId(), task.getProcessInstanceId()));
    }

    private static boolean isReviewTask(DelegateTask task) {
        return task.getProcessDefinitionId() != null
                && task.getProcessDefinitionId().startsWith(AgentProposalProcess.KEY + ":");
    }
}
