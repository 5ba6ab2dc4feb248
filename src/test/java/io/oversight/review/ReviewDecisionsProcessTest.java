package io.oversight.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.escalation.AgentProposalProcess.Elements;
import io.oversight.proposal.ProposalDocument;
import io.oversight.proposal.ProposalService;
import io.oversight.proposal.ProposalStatus;
import io.oversight.security.Caller;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import io.oversight.support.Proposals;
import io.oversight.web.ConflictException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The reviewer's full decision set, the SLA timers and the veto window, path by path. */
@OversightTest
class ReviewDecisionsProcessTest {

    private static final List<String> LEADS = List.of("support-leads");
    private static final Caller AGENT = Caller.agent("demo-agent");

    @Autowired ProcessEngine engine;
    @Autowired Proposals proposals;
    @Autowired ProposalService service;
    @Autowired ManagementService management;
    @Autowired TaskService tasks;
    @Autowired HistoryService history;
    @Autowired ExternalTaskService externalTasks;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void reassignMovesTheCaseWithTheComment() {
        ProposalDocument doc = proposals.submitExample("vip-low-confidence");

        proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "REASSIGN", "reassignTo", "billing",
                "reviewComment", "This is about their invoice, billing knows the contract."));

        ProcessInstance pi = proposals.instance(doc.id());
        assertThat(pi).isWaitingAt(Elements.REVIEW_REPLY);
        assertThat(task(pi)).hasCandidateGroup("billing");
        assertThat((String) tasks.getVariable(task(pi).getId(), "informationText")).contains("billing knows the contract");
        ProposalDocument after = proposals.current(doc.id());
        assertThat(after.status()).isEqualTo(ProposalStatus.PENDING_REVIEW);
        assertThat(after.review().queue()).isEqualTo("billing");
    }

    @Test
    void reassignNeedsAKnownOtherQueue() {
        ProposalDocument doc = proposals.submitExample("vip-low-confidence");

        assertThatThrownBy(() -> proposals.decide(doc.id(), "lena", LEADS,
                Map.of("decision", "REASSIGN", "reassignTo", "nowhere", "reviewComment", "x")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("reassignTo must be one of");
        assertThatThrownBy(() -> proposals.decide(doc.id(), "lena", LEADS,
                Map.of("decision", "REASSIGN", "reassignTo", "support-leads", "reviewComment", "x")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("already in support-leads");
        assertThat(proposals.instance(doc.id())).isWaitingAt(Elements.REVIEW_REPLY);
    }

    @Test
    void requestInfoWaitsForTheAnswerThenReturnsToTheSameQueue() {
        ProposalDocument doc = proposals.submitExample("legal-question");
        assertThatThrownBy(() -> service.provideInformation(doc.id(), AGENT, "too early"))
                .isInstanceOf(ConflictException.class);

        proposals.decide(doc.id(), "lee", List.of("legal"), Map.of("decision", "REQUEST_INFO",
                "infoRequest", "Which version of the service agreement did the customer sign?", "reviewComment", "need the version"));

        ProposalDocument waiting = proposals.current(doc.id());
        assertThat(waiting.status()).isEqualTo(ProposalStatus.AWAITING_INFORMATION);
        assertThat(waiting.outcome().get("infoRequest").asText()).contains("Which version");
        assertThat(waiting.customerMessage()).isNotBlank();
        assertThat(proposals.instance(doc.id())).isWaitingAt(Elements.RECEIVE_INFORMATION);

        ProposalDocument answered = service.provideInformation(doc.id(), AGENT, "Version 2024-03, signed in April.");

        assertThat(answered.status()).isEqualTo(ProposalStatus.PENDING_REVIEW);
        assertThat(answered.outcome()).isNull();
        ProcessInstance pi = proposals.instance(doc.id());
        assertThat(pi).isWaitingAt(Elements.REVIEW_REPLY);
        assertThat(task(pi)).hasCandidateGroup("legal");
        assertThat((String) tasks.getVariable(task(pi).getId(), "informationText")).contains("Version 2024-03");
    }

    @Test
    void anUnansweredQuestionGoesToSupportLeads() {
        ProposalDocument doc = proposals.submitExample("legal-question");
        proposals.decide(doc.id(), "lee", List.of("legal"), Map.of("decision", "REQUEST_INFO",
                "infoRequest", "Which contract version?", "reviewComment", "need it"));
        ProcessInstance pi = proposals.instance(doc.id());

        execute(timer(pi, Elements.TIMER_INFORMATION_OVERDUE));

        assertThat(pi).isWaitingAt(Elements.REVIEW_REPLY);
        assertThat(task(pi)).hasCandidateGroup("support-leads");
        assertThat(proposals.current(doc.id()).status()).isEqualTo(ProposalStatus.PENDING_REVIEW);
        assertThat(proposals.current(doc.id()).review().queue()).isEqualTo("support-leads");
    }

    @Test
    void takeOverHandsTheConversationToThePerson() {
        ProposalDocument doc = proposals.submitExample("angry-customer");

        proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "TAKE_OVER",
                "humanReply", "Hi Rob, this is Lena, team lead. I'm on it personally."));

        ProposalDocument after = proposals.current(doc.id());
        assertThat(after.status()).isEqualTo(ProposalStatus.TAKEN_OVER);
        assertThat(after.outcome().get("reply").get("text").asText()).contains("this is Lena");
        assertThat(after.outcome().get("decidedBy").asText()).isEqualTo("lena");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(doc.id()).singleResult()
                .getEndActivityId()).isEqualTo(Elements.END_TAKEN_OVER);
    }

    @Test
    void slaWarningRaisesPriorityAndUpdatesTheCustomerWithoutClosingTheReview() {
        ProposalDocument doc = proposals.submitExample("angry-customer");
        ProcessInstance pi = proposals.instance(doc.id());
        String before = doc.customerMessage();

        execute(timer(pi, Elements.TIMER_SLA_WARNING));

        assertThat(pi).isWaitingAt(Elements.REVIEW_REPLY);
        assertThat(task(pi).getPriority()).isEqualTo(90);
        ProposalDocument after = proposals.current(doc.id());
        assertThat(after.review().priority()).isEqualTo(90);
        assertThat(after.customerMessage()).isNotEqualTo(before).isNotBlank();
        assertThat(after.status()).isEqualTo(ProposalStatus.PENDING_REVIEW);
    }

    @Test
    void slaBreachHandsTheCaseToLeadsAsWellAndNeverApproves() {
        ProposalDocument doc = proposals.submitExample("vip-low-confidence");
        ProcessInstance pi = proposals.instance(doc.id());
        proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "REASSIGN", "reassignTo", "support-agents",
                "reviewComment", "product question"));

        execute(timer(pi, Elements.TIMER_SLA_BREACHED));

        assertThat(pi).isWaitingAt(Elements.REVIEW_REPLY);
        assertThat(task(pi)).hasCandidateGroup("support-agents").hasCandidateGroup("support-leads");
        assertThat(task(pi).getPriority()).isEqualTo(100);
        ProposalDocument after = proposals.current(doc.id());
        assertThat(after.status()).isEqualTo(ProposalStatus.PENDING_REVIEW);
        assertThat(after.customerMessage()).containsIgnoringCase("sorry");
    }

    @Test
    void anApprovalAboveTheApproversLimitIsRefused() {
        ObjectNode body = ApiClient.freshExample("refund-approval");
        ((ObjectNode) body.get("action")).put("amount", 700);
        body.putObject("signals").put("billingDispute", 0.9);
        ProposalDocument doc = proposals.submit(body);
        assertThat(doc.review().queue()).isEqualTo("billing");

        assertThatThrownBy(() -> proposals.decide(doc.id(), "bill", List.of("billing"), Map.of("decision", "APPROVE")))
                .hasMessageContaining("approval limit: bill may approve up to 500 EUR, this action moves 700 EUR");
        assertThatThrownBy(() -> proposals.decide(doc.id(), "bill", List.of("billing"),
                Map.of("decision", "EDIT", "editedAction", "{\"amount\": 600}"))).hasMessageContaining("up to 500");
        assertThat(proposals.current(doc.id()).status()).isEqualTo(ProposalStatus.PENDING_REVIEW);

        proposals.decide(doc.id(), "bill", List.of("billing"), Map.of("decision", "EDIT", "editedAction", "{\"amount\": 450}"));

        ProposalDocument after = proposals.current(doc.id());
        assertThat(after.status()).isEqualTo(ProposalStatus.EDITED);
        assertThat(after.outcome().get("action").get("amount").asInt()).isEqualTo(450);
    }

    @Test
    void theAgentsOwnAccountCanNeverApprove() {
        ProposalDocument doc = proposals.submitExample("angry-customer");

        assertThatThrownBy(() -> proposals.decide(doc.id(), "support-bot", LEADS, Map.of("decision", "APPROVE")))
                .hasMessageContaining("agent's own account");
        assertThatThrownBy(() -> proposals.decide(doc.id(), "demo-agent", LEADS, Map.of("decision", "APPROVE")))
                .hasMessageContaining("agent's own account");
        assertThat(proposals.current(doc.id()).status()).isEqualTo(ProposalStatus.PENDING_REVIEW);
    }

    @Test
    void vetoWindowProceedsAtTheDueDateUnlessVetoed() {
        ProposalDocument doc = proposals.submit(smallSureRefund());
        assertThat(doc.review().controlModel()).isEqualTo("VETO_WINDOW");
        ProcessInstance pi = proposals.instance(doc.id());
        assertThat(pi).isWaitingAt(Elements.VETO_WINDOW);
        assertThat(externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).count()).isZero();

        execute(timer(pi, Elements.TIMER_VETO_WINDOW_CLOSED));

        assertThat(pi).isWaitingAt(Elements.EXECUTE_ACTION);
        ProposalDocument after = proposals.current(doc.id());
        assertThat(after.status()).isEqualTo(ProposalStatus.APPROVED);
        assertThat(after.outcome().get("decidedBy").asText()).isEqualTo("system:veto-window");
    }

    @Test
    void aVetoStopsTheAction() {
        ProposalDocument doc = proposals.submit(smallSureRefund());

        proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "VETO", "reviewComment", "Customer already got a voucher"));

        ProposalDocument after = proposals.current(doc.id());
        assertThat(after.status()).isEqualTo(ProposalStatus.REJECTED);
        assertThat(after.outcome().get("decision").asText()).isEqualTo("VETO");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(doc.id()).singleResult()
                .getEndActivityId()).isEqualTo(Elements.END_VETOED);
    }

    @Test
    void aVetoWindowTaskOffersOnlyProceedOrVeto() {
        ProposalDocument doc = proposals.submit(smallSureRefund());

        assertThatThrownBy(() -> proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "REJECT", "reviewComment", "x")))
                .hasMessageContaining("decision must be one of APPROVE, VETO");
        assertThatThrownBy(() -> proposals.decide(doc.id(), "lena", LEADS, Map.of("decision", "VETO")))
                .hasMessageContaining("VETO needs a reviewComment");
    }

    private static ObjectNode smallSureRefund() {
        ObjectNode body = ApiClient.freshExample("refund-approval");
        ((ObjectNode) body.get("action")).put("amount", 40).put("irreversible", true);
        ((ObjectNode) body.get("agent")).put("confidence", 0.95);
        return body;
    }

    private Job timer(ProcessInstance pi, String activityId) {
        return management.createJobQuery().processInstanceId(pi.getId()).timers().activityId(activityId).singleResult();
    }

    private void execute(Job job) {
        assertThat(job).as("timer job").isNotNull();
        management.executeJob(job.getId());
    }
}
