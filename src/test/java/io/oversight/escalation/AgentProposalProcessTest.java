package io.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.oversight.escalation.AgentProposalProcess.Elements;
import io.oversight.proposal.ProposalDocument;
import io.oversight.proposal.ProposalStatus;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import io.oversight.support.Proposals;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One test per path through agent-proposal.bpmn, with the real rules, delegates and guard. */
@OversightTest
class AgentProposalProcessTest {

    private static final List<String> LEADS = List.of("support-leads");
    private static final List<String> FINANCE = List.of("finance");

    @Autowired ProcessEngine engine;
    @Autowired Proposals proposals;
    @Autowired ExternalTaskService externalTasks;
    @Autowired HistoryService history;
    @Autowired RuntimeService runtime;
    @Autowired org.camunda.bpm.engine.TaskService taskService;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void routineReplyIsApprovedWithoutAnyProcess() {
        ProposalDocument doc = proposals.submitExample("routine-reply");

        assertThat(doc.status()).isEqualTo(ProposalStatus.APPROVED);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(doc.id()).count()).isZero();
        assertThat(jdbc.sql("select approvers from ovs_approval where proposal_id = ?").param(doc.id())
                .query(String.class).single()).contains("system:escalationRules");
        // the rules were evaluated by the engine all the same: the evaluation is in the decision history
        var evaluation = history.createHistoricDecisionInstanceQuery().decisionInstanceId(evaluationOf(doc.id()))
                .includeInputs().includeOutputs().singleResult();
        assertThat(evaluation.getDecisionDefinitionKey()).isEqualTo(AgentProposalProcess.DECISION_KEY);
        assertThat(evaluation.getProcessInstanceId()).isNull();
        assertThat(evaluation.getInputs()).isNotEmpty();
        assertThat(evaluation.getOutputs()).isEmpty();
    }

    @Test
    void routineActionStartsOnlyItsRelease() {
        var body = ApiClient.freshExample("refund-approval");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("action")).put("amount", 20).put("irreversible", false);

        ProposalDocument doc = proposals.submit(body);

        assertThat(doc.status()).isEqualTo(ProposalStatus.APPROVED);
        ProcessInstance pi = proposals.instance(doc.id());
        assertThat(pi).hasPassed(Elements.START_ROUTINE_ACTION, "task_verify_release")
                .hasNotPassed(Elements.START_ESCALATED);
        assertThat(pi).isWaitingAt(Elements.EXECUTE_ACTION).externalTask().hasTopicName("action-refund");
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(pi.getId()).count()).isZero();

        List<LockedExternalTask> locked = externalTasks.fetchAndLock(10, "test-worker").topic("action-refund", 10_000)
                .businessKey(doc.id()).execute();
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).getVariables()).containsKeys("proposalId", "idempotencyKey", "action", "customer",
                "approvalHash");
        assertThat(locked.get(0).getVariables().get("approvalHash")).isEqualTo(
                jdbc.sql("select approval_hash from ovs_approval where proposal_id = ?").param(doc.id())
                        .query(String.class).single());
        externalTasks.complete(locked.get(0).getId(), "test-worker");

        assertThat(proposals.current(doc.id()).status()).isEqualTo(ProposalStatus.EXECUTED);
        assertThat(endOf(doc.id())).isEqualTo(Elements.END_ACTION_EXECUTED);
    }

    @Test
    void angryCustomerGoesToLeadsWithHighPriority() {
        ProposalDocument doc = proposals.submitExample("angry-customer");

        ProcessInstance pi = proposals.instance(doc.id());
        assertThat(pi).isWaitingAt(Elements.REVIEW_REPLY);
        assertThat(task(pi)).hasCandidateGroup("support-leads").hasName("Review reply to Rob Mertens — ANGRY_CUSTOMER");
        assertThat(task(pi).getPriority()).isEqualTo(80);
        assertThat(task(pi).getDueDate()).isEqualTo(java.util.Date.from(doc.review().dueAt()));
        assertThat(taskService.createTaskQuery().taskId(task(pi).getId()).initializeFormKeys().singleResult()
                .getCamundaFormRef().getKey()).isEqualTo("proposal-review");
    }

    @Test
    void approvedReplyIsReleasedAsProposed() {
        ProposalDocument doc = proposals.submitExample("angry-customer");

        proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "APPROVE"));

        ProposalDocument after = proposals.current(doc.id());
        assertThat(after.status()).isEqualTo(ProposalStatus.APPROVED);
        assertThat(after.outcome().get("decidedBy").asText()).isEqualTo("lena");
        assertThat(after.outcome().get("changed").asBoolean()).isFalse();
        assertThat(after.customerMessage()).isNull();
        assertThat(endOf(doc.id())).isEqualTo(Elements.END_REPLY_RELEASED);
    }

    @Test
    void editedReplyIsReleasedWithThePersonsText() {
        ProposalDocument doc = proposals.submitExample("angry-customer");

        proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "EDIT",
                "editedReply", "I am truly sorry. I have upgraded your shipping; it leaves today."));

        ProposalDocument after = proposals.current(doc.id());
        assertThat(after.status()).isEqualTo(ProposalStatus.EDITED);
        assertThat(after.outcome().get("reply").get("text").asText()).startsWith("I am truly sorry");
        assertThat(after.outcome().get("changed").asBoolean()).isTrue();
        assertThat(endOf(doc.id())).isEqualTo(Elements.END_REPLY_RELEASED);
    }

    @Test
    void rejectedReplyTellsTheAgentWhy() {
        ProposalDocument doc = proposals.submitExample("legal-question");

        proposals.decide(doc.id(), "lee", List.of("legal"), Map.of("decision", "REJECT",
                "reviewComment", "Never interpret contract clauses; route to the account manager."));

        ProposalDocument after = proposals.current(doc.id());
        assertThat(after.status()).isEqualTo(ProposalStatus.REJECTED);
        assertThat(after.outcome().get("comment").asText()).contains("contract clauses");
        assertThat(endOf(doc.id())).isEqualTo(Elements.END_REJECTED);
    }

    @Test
    void noActionTaskExistsBeforeApproval() {
        ProposalDocument doc = proposals.submitExample("refund-approval");

        ProcessInstance pi = proposals.instance(doc.id());
        assertThat(pi).isWaitingAt(Elements.APPROVE_ACTION);
        assertThat(task(pi)).hasCandidateGroup("support-leads").hasName("Approve refund of 249.00 EUR for Dana Reyes — HIGH_VALUE");
        assertThat(externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void approvedActionRunsOnceAndIsExecuted() {
        ProposalDocument doc = proposals.submitExample("refund-approval");
        proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "APPROVE"));

        List<LockedExternalTask> locked = externalTasks.fetchAndLock(10, "test-worker").topic("action-refund", 10_000)
                .businessKey(doc.id()).execute();
        assertThat(locked).hasSize(1);
        LockedExternalTask task = locked.get(0);
        assertThat(task.getVariables()).containsKeys("proposalId", "idempotencyKey", "action", "customer");
        assertThat(task.getVariables().get("idempotencyKey")).isEqualTo(doc.idempotencyKey());
        externalTasks.complete(task.getId(), "test-worker");

        assertThat(proposals.current(doc.id()).status()).isEqualTo(ProposalStatus.EXECUTED);
        assertThat(endOf(doc.id())).isEqualTo(Elements.END_ACTION_EXECUTED);
    }

    @Test
    void editedActionRunsWithThePersonsChanges() {
        ProposalDocument doc = proposals.submitExample("refund-approval");
        proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "EDIT", "editedAction", "{\"amount\": 200.00}"));

        ProposalDocument after = proposals.current(doc.id());
        assertThat(after.status()).isEqualTo(ProposalStatus.EDITED);
        assertThat(after.outcome().get("action").get("amount").decimalValue()).isEqualByComparingTo("200.00");
        LockedExternalTask task = externalTasks.fetchAndLock(1, "test-worker").topic("action-refund", 10_000)
                .businessKey(doc.id()).execute().get(0);
        assertThat(task.getVariables().get("action").toString()).contains("200");
    }

    @Test
    void rejectedActionNeverReachesTheActionSystem() {
        ProposalDocument doc = proposals.submitExample("refund-approval");
        proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "REJECT", "reviewComment", "Already refunded"));

        assertThat(proposals.current(doc.id()).status()).isEqualTo(ProposalStatus.REJECTED);
        assertThat(endOf(doc.id())).isEqualTo(Elements.END_REJECTED);
        assertThat(history.createHistoricExternalTaskLogQuery().processInstanceId(
                history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(doc.id()).singleResult().getId())
                .count()).isZero();
    }

    @Test
    void highValueRefundNeedsALeadThenFinance() {
        ProposalDocument doc = proposals.submitExample("high-value-refund");
        ProcessInstance pi = proposals.instance(doc.id());
        assertThat(pi).isWaitingAt(Elements.APPROVE_ACTION);

        proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "APPROVE"));

        assertThat(pi).isWaitingAt(Elements.SECOND_APPROVAL);
        assertThat(task(pi)).hasCandidateGroup("finance");
        assertThat(proposals.current(doc.id()).status()).isEqualTo(ProposalStatus.PENDING_REVIEW);

        proposals.decide(doc.id(), "fran", FINANCE, Map.of("decision", "APPROVE"));

        assertThat(pi).isWaitingAt(Elements.EXECUTE_ACTION);
        ProposalDocument after = proposals.current(doc.id());
        assertThat(after.status()).isEqualTo(ProposalStatus.APPROVED);
        assertThat(after.outcome().get("decidedBy").asText()).isEqualTo("fran");
    }

    @Test
    void theSamePersonCannotGiveBothFourEyesApprovals() {
        ProposalDocument doc = proposals.submitExample("high-value-refund");
        proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "APPROVE"));

        assertThatThrownBy(() -> proposals.decide(doc.id(), "lena", List.of("support-leads", "finance"),
                Map.of("decision", "APPROVE"))).isInstanceOf(ProcessEngineException.class).hasMessageContaining("Decision refused: four-eyes");

        assertThat(proposals.instance(doc.id())).isWaitingAt(Elements.SECOND_APPROVAL);
    }

    @Test
    void financeCanStillRejectAfterTheLeadApproved() {
        ProposalDocument doc = proposals.submitExample("high-value-refund");
        proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "APPROVE"));
        proposals.decide(doc.id(), "fran", FINANCE, Map.of("decision", "REJECT", "reviewComment", "Over budget"));

        assertThat(proposals.current(doc.id()).status()).isEqualTo(ProposalStatus.REJECTED);
        assertThat(endOf(doc.id())).isEqualTo(Elements.END_REJECTED);
    }

    @Test
    void failedActionBecomesAnIncidentAndExecutionFailed() {
        ProposalDocument doc = proposals.submitExample("refund-approval");
        proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "APPROVE"));
        LockedExternalTask task = externalTasks.fetchAndLock(1, "test-worker").topic("action-refund", 10_000)
                .businessKey(doc.id()).execute().get(0);

        externalTasks.handleFailure(task.getId(), "test-worker", "billing system down", 0, 0);

        assertThat(proposals.current(doc.id()).status()).isEqualTo(ProposalStatus.EXECUTION_FAILED);
        assertThat(runtime.createIncidentQuery().processInstanceId(task.getProcessInstanceId()).count()).isEqualTo(1);
    }

    private String evaluationOf(String proposalId) {
        String details = jdbc.sql("select details from ovs_audit_event where proposal_id = ? and type = 'RULES_EVALUATED'")
                .param(proposalId).query(String.class).single();
        var matcher = java.util.regex.Pattern.compile("\"decisionInstanceId\":\"([^\"]+)\"").matcher(details);
        assertThat(matcher.find()).as(details).isTrue();
        return matcher.group(1);
    }

    private String endOf(String proposalId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(proposalId).singleResult()
                .getEndActivityId();
    }
}
