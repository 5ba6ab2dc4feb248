package io.oversight.mcp;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.oversight.web.ConflictException;
import io.oversight.web.InvalidRequestException;
import io.oversight.web.InvalidRequestException.FieldProblem;
import io.oversight.web.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Failures as MCP tool errors ({@code isError: true}) a model can read and fix: the text names each
 * invalid field, and the structured content is the REST API's problem (status, title, errors).
 */
@Component
class ToolErrors {

    private static final Logger log = LoggerFactory.getLogger(ToolErrors.class);

    CallToolResult of(Throwable e) {
        if (e instanceof InvalidRequestException invalid) {
            String fields = invalid.problems().stream().map(p -> p.field() + " " + p.message())
                    .collect(Collectors.joining("; "));
            return error(400, "Invalid arguments", "Invalid arguments: " + fields + ". Fix these fields and call again.",
                    invalid.problems());
        }
        if (e instanceof NotFoundException) {
            return error(404, "Not found", e.getMessage() + " (or it is not one of yours).", List.of());
        }
        if (e instanceof ConflictException) {
            return error(409, "Conflict", e.getMessage(), List.of());
        }
        if (e instanceof ResponseStatusException status) {
            return error(status.getStatusCode().value(), "Refused", status.getReason(), List.of());
        }
        if (e instanceof CannotGetJdbcConnectionException || e instanceof DataAccessResourceFailureException
                || e instanceof TransientDataAccessException) {
            return error(503, "Service unavailable", "The database is not reachable; nothing was changed. Retry later.",
                    List.of());
        }
        log.error("MCP tool failed", e);
        return error(500, "Internal error", "Something went wrong on our side; nothing was changed. Retry later.",
                List.of());
    }

    CallToolResult unauthorized() {
        return error(401, "Unauthorized", "A valid agent key (Bearer) is required", List.of());
    }

    /** Runs every validation and throws once with the problems of all of them, so each field is named. */
    static void allValid(Runnable... validations) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Runnable validation : validations) {
            try {
                validation.run();
            } catch (InvalidRequestException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private static CallToolResult error(int status, String title, String detail, List<FieldProblem> problems) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", status);
        problem.put("title", title);
        problem.put("detail", detail);
        if (!problems.isEmpty()) {
            problem.put("errors", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        }
        return CallToolResult.builder().isError(true).addTextContent(detail).structuredContent(problem).build();
    }
}
