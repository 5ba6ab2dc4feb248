package io.oversight.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.proposal.ProposalDocument;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Test helper: submits proposals through the service and acts as a reviewer in the engine. */
@Component
public class Proposals {

    private final ProposalService service;
    private final ObjectMapper mapper;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final IdentityService identity;

    Proposals(ProposalService service, ObjectMapper mapper, RuntimeService runtime, TaskService tasks,
            IdentityService identity) {
        this.service = service;
        this.mapper = mapper;
        this.runtime = runtime;
        this.tasks = tasks;
        this.identity = identity;
    }

    public ProposalDocument submit(JsonNode body) {
        try {
            return service.submit("demo-agent", mapper.treeToValue(body, ProposalRequest.class), body).document();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public ProposalDocument submitExample(String name) {
        return submit(ApiClient.freshExample(name));
    }

    public ProposalDocument current(String id) {
        return service.find(id).orElseThrow();
    }

    public ProcessInstance instance(String proposalId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(proposalId).singleResult();
    }

    public Task openTask(String proposalId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(proposalId).singleResult();
    }

    /** Completes the proposal's open review task as the given person, the way Tasklist or engine-rest would. */
    public void decide(String proposalId, String user, List<String> groups, Map<String, Object> variables) {
        Task task = openTask(proposalId);
        identity.setAuthentication(user, groups);
        try {
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }
}
