package io.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.oversight.escalation.AgentProposalProcess.Elements;
import io.oversight.proposal.ProposalDocument;
import io.oversight.proposal.ProposalStatus;
import io.oversight.support.OversightTest;
import io.oversight.support.Proposals;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** No gateway fails open: a default never approves or releases, path by path. */
@OversightTest
class FailClosedGatewaysTest {

    /** Where a default may lead: a person, or the refusal of a release (with its incident). */
    private static final Set<String> SAFE_DEFAULT_TARGETS = Set.of("xor_back_to_review", "user_approve_action",
            "task_refuse_release");

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ExternalTaskService externalTasks;
    @Autowired Proposals proposals;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void everyDefaultFlowLeadsToAPersonOrARefusal() {
        BpmnModelInstance model = model();
        Collection<ExclusiveGateway> gateways = model.getModelElementsByType(ExclusiveGateway.class);
        for (ExclusiveGateway gateway : gateways) {
            SequenceFlow fallback = gateway.getDefault();
            if (fallback != null) {
                assertThat(fallback.getTarget().getId()).as("default of %s", gateway.getId()).isIn(SAFE_DEFAULT_TARGETS);
            }
            if (gateway.getOutgoing().size() > 1) {
                gateway.getOutgoing().stream().filter(flow -> flow != fallback).forEach(flow ->
                        assertThat(flow.getConditionExpression()).as("condition of %s", flow.getId()).isNotNull());
                gateway.getOutgoing().stream().filter(flow -> flow.getConditionExpression() != null)
                        .forEach(flow -> assertThat(flow.getConditionExpression().getTextContent())
                                .as("%s reads the product's state, not a variable a person could write", flow.getId())
                                .containsAnyOf("gate.", "releaseVerified"));
            }
        }
        assertThat(gateways).extracting(ExclusiveGateway::getId).contains("xor_review_decision", "xor_veto_decision",
                "xor_second_decision", "xor_is_action", "xor_release_verified", "xor_control_model", "xor_veto_or_review");
    }

    @Test
    void aDecisionGatewayWithoutAValidatedDecisionGoesBackToAPerson() {
        for (String gateway : List.of("xor_review_decision", "xor_second_decision", "xor_veto_decision")) {
            ProposalDocument doc = proposals.submitExample("refund-approval");
            ProcessInstance pi = proposals.instance(doc.id());

            runtime.createProcessInstanceModification(pi.getId()).cancelAllForActivity(Elements.APPROVE_ACTION)
                    .startBeforeActivity(gateway).execute();

            assertThat(pi).as(gateway).isWaitingAt(Elements.APPROVE_ACTION);
            assertThat(externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).count()).isZero();
            assertThat(proposals.current(doc.id()).status()).isEqualTo(ProposalStatus.PENDING_REVIEW);
        }
    }

    @Test
    void aReleaseWithoutARecordedApprovalIsRefused() {
        ProposalDocument doc = proposals.submitExample("refund-approval");
        ProcessInstance pi = proposals.instance(doc.id());

        runtime.createProcessInstanceModification(pi.getId()).cancelAllForActivity(Elements.APPROVE_ACTION)
                .startBeforeActivity("xor_is_action").execute();

        assertThat(pi).isWaitingAt("receive_release_held");
        assertThat(externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).incidentType("releaseRefused").count())
                .isEqualTo(1);
        assertThat(proposals.current(doc.id()).status()).isEqualTo(ProposalStatus.EXECUTION_FAILED);
    }

    @Test
    void aRoutineReleaseStartedForAProposalNobodyApprovedIsRefused() {
        ProposalDocument doc = proposals.submitExample("refund-approval");

        // someone with engine rights starts the release of a routine action for a pending proposal
        runtime.createMessageCorrelation(AgentProposalProcess.MESSAGE_ROUTINE_ACTION_APPROVED)
                .processInstanceBusinessKey(doc.id())
                .setVariable("proposalId", doc.id()).setVariable("actionTopic", "action-refund")
                .setVariable("action", org.camunda.spin.plugin.variable.SpinValues.jsonValue(
                        "{\"kind\":\"REFUND\",\"amount\":249,\"currency\":\"EUR\"}").create())
                .setVariable("approvalHash", "0".repeat(64))
                .correlateStartMessage();

        assertThat(externalTasks.createExternalTaskQuery().topicName("action-refund").list())
                .noneMatch(task -> doc.id().equals(task.getBusinessKey()));
        assertThat(runtime.createIncidentQuery().incidentType("releaseRefused").list())
                .anyMatch(incident -> runtime.createProcessInstanceQuery().processInstanceId(incident.getProcessInstanceId())
                        .processInstanceBusinessKey(doc.id()).count() == 1);
    }

    private static BpmnModelInstance model() {
        try (InputStream in = FailClosedGatewaysTest.class.getResourceAsStream("/processes/agent-proposal.bpmn")) {
            return Bpmn.readModelFromStream(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
