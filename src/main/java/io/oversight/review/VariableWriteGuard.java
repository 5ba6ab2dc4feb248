package io.oversight.review;

import io.oversight.escalation.AgentProposalProcess.DecisionVars;
import io.oversight.escalation.AgentProposalProcess;
import io.oversight.qa.QaSampling;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * What a person may write into a proposal's process, checked for every engine command (engine-rest,
 * Tasklist and Java alike), before the command runs:
 * <ul>
 * <li>a completion (or form submission) of a review task carries only the decision variables of
 * CONTRACT §4 ({@link #REVIEW_DECISION}); of a QA task only {@link #QA_DECISION}. The read-only
 * context a Camunda Form echoes back is accepted only unchanged. Anything else is refused and the
 * task stays open;</li>
 * <li>variables of a proposal's process are never set, changed or removed by a person outside a
 * completion (only {@code camunda-admin} may, as the operator).</li>
 * </ul>
 * The first line of defence are the authorizations: candidates and assignees get TASK_WORK on their
 * tasks (claim, complete) instead of the engine's default UPDATE, so engine-rest answers 403 to their
 * variable writes; this guard refuses whatever slips past a misconfigured grant.
 * The engine's own steps run without an authenticated person and are not affected. Decision state
 * itself lives in the product's tables ({@link DecisionStates}), so a variable that slipped past would
 * still not be read by any gateway or release.
 */
@Component
class VariableWriteGuard extends AbstractProcessEnginePlugin {

    static final Set<String> REVIEW_DECISION = Set.of(DecisionVars.DECISION, DecisionVars.EDITED_REPLY,
            DecisionVars.EDITED_ACTION, DecisionVars.REVIEW_COMMENT, DecisionVars.REASSIGN_TO, DecisionVars.INFO_REQUEST,
            DecisionVars.HUMAN_REPLY);
    static final Set<String> QA_DECISION = Set.of("qaVerdict", "blindDecision", QaSampling.MISSED_REASON,
            DecisionVars.REVIEW_COMMENT);
    /** What the review and QA forms show read-only; form-js submits read-only fields, so they come back as they were. */
    static final Set<String> FORM_ECHO = Set.of("reviewHeadline", "reasonsText", "informationText", "conversationText",
            "customerText", "sourcesText", "attemptedStepsText", "proposedReply", "proposedActionText", "qaKind");
    static final String OPERATOR_GROUP = "camunda-admin";

    private static final List<String> GUARDED_PROCESSES = List.of(AgentProposalProcess.KEY, QaSampling.PROCESS_KEY);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // candidates and assignees may claim and complete (TASK_WORK), never write variables (UPDATE)
        configuration.setDefaultUserPermissionNameForTask(TaskPermissions.TASK_WORK.getName());
        List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        interceptors.add(new Interceptor());
        configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }

    private static final class Interceptor extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            CommandContext context = Context.getCommandContext();
            if (context != null) {
                if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
                    checkCompletion(context, (String) field(command, "taskId"),
                            (Map<?, ?>) field(command, command instanceof CompleteTaskCmd ? "variables" : "properties"));
                    return unwrappingRefusals(command);
                } else if ((command instanceof AbstractVariableCmd || command instanceof AbstractPatchVariablesCmd)
                        && isPerson(context)) {
                    // the engine's own authorization check answers first (403); what it lets through is
                    // refused here, and the whole command rolls back with nothing written
                    T result = next.execute(command);
                    checkVariableWrite(context, command);
                    return result;
                }
            }
            return next.execute(command);
        }

        /**
         * Completes the task; a decision the task listener refuses ({@link DecisionGuard}) reaches the caller as
         * the {@link DecisionRefusedException} itself, not wrapped in the engine's "exception while invoking the
         * TaskListener", so engine-rest and Tasklist answer 400 with its message instead of 500. The command still
         * fails as a whole: nothing is written.
         */
        private <T> T unwrappingRefusals(Command<T> command) {
            try {
                return next.execute(command);
            } catch (RuntimeException e) {
                for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                    if (cause instanceof DecisionRefusedException refused) {
                        throw refused;
                    }
                }
                throw e;
            }
        }

        private static void checkCompletion(CommandContext context, String taskId, Map<?, ?> variables) {
            if (taskId == null || variables == null || variables.isEmpty()) {
                return;
            }
            TaskEntity task = context.getTaskManager().findTaskById(taskId);
            String process = task == null ? null : processKey(task.getProcessDefinitionId());
            if (process == null) {
                return;
            }
            Set<String> allowed = process.equals(AgentProposalProcess.KEY) ? REVIEW_DECISION : QA_DECISION;
            Set<String> refused = new TreeSet<>();
            for (Map.Entry<?, ?> entry : variables.entrySet()) {
                String name = String.valueOf(entry.getKey());
                if (!allowed.contains(name) && !(FORM_ECHO.contains(name) && unchanged(task, name, entry.getValue()))) {
                    refused.add(name);
                }
            }
            if (!refused.isEmpty()) {
                throw new DecisionRefusedException("a completion of this task may carry only "
                        + String.join(", ", new TreeSet<>(allowed)) + "; refused: " + String.join(", ", refused)
                        + ". The proposal, the control model, the approvers and what is released come from the stored"
                        + " proposal and the validated decision, never from variables");
            }
        }

        private static void checkVariableWrite(CommandContext context, Command<?> command) {
            String entityId = (String) field(command, "entityId");
            if (entityId == null) {
                return;
            }
            TaskEntity task = context.getTaskManager().findTaskById(entityId);
            String definitionId = task != null ? task.getProcessDefinitionId() : definitionOfExecution(context, entityId);
            if (processKey(definitionId) != null) {
                throw new DecisionRefusedException("the variables of a proposal's process cannot be set, changed or"
                        + " removed by a person; decide by completing the review task with the decision variables");
            }
        }

        private static String definitionOfExecution(CommandContext context, String executionId) {
            ExecutionEntity execution = context.getExecutionManager().findExecutionById(executionId);
            return execution == null ? null : execution.getProcessDefinitionId();
        }

        private static boolean isPerson(CommandContext context) {
            Authentication current = context.getAuthentication();
            if (current == null || current.getUserId() == null) {
                return false;
            }
            Collection<String> groups = current.getGroupIds() != null ? current.getGroupIds()
                    : context.getReadOnlyIdentityProvider().createGroupQuery().groupMember(current.getUserId()).list()
                            .stream().map(g -> g.getId()).toList();
            return !groups.contains(OPERATOR_GROUP);
        }

        private static boolean unchanged(TaskEntity task, String name, Object submitted) {
            Object current = task.getVariable(name);
            Object value = submitted instanceof org.camunda.bpm.engine.variable.value.TypedValue typed ? typed.getValue() : submitted;
            String now = current == null ? "" : current.toString();
            String sent = value == null ? "" : value.toString();
            return Objects.equals(now, sent);
        }

        private static String processKey(String definitionId) {
            if (definitionId == null) {
                return null;
            }
            return GUARDED_PROCESSES.stream().filter(key -> definitionId.startsWith(key + ":")).findFirst().orElse(null);
        }

        /** The engine's commands keep their arguments in protected fields; read, never changed. */
        private static Object field(Object command, String name) {
            for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
                try {
                    Field field = type.getDeclaredField(name);
                    field.setAccessible(true);
                    return field.get(command);
                } catch (NoSuchFieldException e) {
                    // look in the superclass
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            throw new IllegalStateException(command.getClass().getName() + " has no field " + name);
        }
    }
}
