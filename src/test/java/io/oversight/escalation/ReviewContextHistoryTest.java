package io.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.oversight.proposal.ProposalDocument;
import io.oversight.support.OversightTest;
import io.oversight.support.Proposals;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * History level full, less the creation detail of the read-only review context ({@link ReviewContextHistory}):
 * every variable is still in the historic variable instances with its value; details are still written for
 * the decision variables (a prefilled edit included) and for every later change.
 */
@OversightTest
class ReviewContextHistoryTest {

    @Autowired ProcessEngine engine;
    @Autowired HistoryService history;
    @Autowired Proposals proposals;

    @Test
    void theReadOnlyContextIsInTheHistoricVariablesWithoutADuplicateCreationDetail() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel())
                .isInstanceOf(ReviewContextHistory.Level.class)
                .satisfies(level -> assertThat(level.getName()).isEqualTo("full"))
                .satisfies(level -> assertThat(level.getId()).isEqualTo(3));

        ProposalDocument doc = proposals.submitExample("angry-customer");
        String instance = proposals.instance(doc.id()).getId();

        Map<String, Object> variables = history.createHistoricVariableInstanceQuery().processInstanceId(instance)
                .disableCustomObjectDeserialization().list().stream()
                .collect(Collectors.toMap(HistoricVariableInstance::getName, v -> String.valueOf(v.getValue())));
        assertThat(variables).containsKeys("proposalId", "proposal", "reasons", "reasonsText", "conversationText",
                "reviewHeadline", "decisionOptions", "editedReply", "reviewPriority", "customerName", "reasonCodes");
        assertThat(variables.get("conversationText").toString()).contains("THIRD time");

        Set<String> detailed = details(instance);
        assertThat(detailed).doesNotContainAnyElementsOf(ReviewContextHistory.WRITTEN_ONCE);
        // what can change keeps its creation detail: the prefilled edit, the priority (raised by the SLA steps)
        assertThat(detailed).contains("editedReply", "reviewPriority");

        // a reviewer's decision is detailed as before
        proposals.decide(doc.id(), "lena", List.of("support-leads"), Map.of("decision", "EDIT", "editedReply", "Sorry — it ships tomorrow."));
        assertThat(details(instance)).contains("decision", "editedReply");
        assertThat(history.createHistoricDetailQuery().processInstanceId(instance).variableUpdates().list().stream()
                .map(d -> (HistoricVariableUpdate) d).filter(d -> d.getVariableName().equals("editedReply"))
                .map(d -> String.valueOf(d.getValue())).toList())
                .contains("Sorry — it ships tomorrow.");
    }

    private Set<String> details(String instance) {
        return history.createHistoricDetailQuery().processInstanceId(instance).variableUpdates()
                .disableCustomObjectDeserialization().list().stream()
                .map(HistoricDetail.class::cast).map(d -> ((HistoricVariableUpdate) d).getVariableName())
                .collect(Collectors.toSet());
    }
}
