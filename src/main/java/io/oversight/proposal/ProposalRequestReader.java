package io.oversight.proposal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.web.InvalidRequestException;
import io.oversight.web.InvalidRequestException.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Turns a JSON body into a valid {@link ProposalRequest} or names every field that is wrong. */
@Component
public class ProposalRequestReader {

    private final ObjectMapper mapper;
    private final Validator validator;
    private final CallbackUrlCheck callbackUrls;

    ProposalRequestReader(ObjectMapper mapper, Validator validator, CallbackUrlCheck callbackUrls) {
        this.mapper = mapper;
        this.validator = validator;
        this.callbackUrls = callbackUrls;
    }

    public ProposalRequest read(JsonNode body) {
        ProposalRequest request = bind(body, ProposalRequest.class);
        List<FieldProblem> problems = violations(request);
        problems.addAll(typeRules(request));
        if (request.callbackUrl() != null && problems.stream().noneMatch(p -> p.field().equals("callbackUrl"))) {
            callbackUrls.refusal(request.callbackUrl())
                    .ifPresent(refusal -> problems.add(new FieldProblem("callbackUrl", refusal)));
        }
        failOn(problems);
        return request;
    }

    /** The answer to a reviewer's question, held to the same limits as {@code POST …/information}. */
    public InformationAnswer readInformation(JsonNode body) {
        return readValid(body, InformationAnswer.class);
    }

    /** Any bean-validated request type, with the same field naming as the proposal. */
    public <T> T readValid(JsonNode body, Class<T> type) {
        T value = bind(body, type);
        failOn(violations(value));
        return value;
    }

    private <T> List<FieldProblem> violations(T value) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<T> v : validator.validate(value)) {
            problems.add(new FieldProblem(fieldName(v.getPropertyPath().toString()), v.getMessage()));
        }
        return problems;
    }

    private static void failOn(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(FieldProblem::field));
            throw new InvalidRequestException(problems);
        }
    }

    private <T> T bind(JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw InvalidRequestException.of("$", "must be a JSON object");
        }
        try {
            return mapper.treeToValue(body, type);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw InvalidRequestException.of(field.isEmpty() ? "$" : field, "has the wrong type or format");
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.of("$", "is not valid JSON");
        }
    }

    private int jsonLength(Object value) {
        try {
            return value == null ? 0 : mapper.writeValueAsString(value).length();
        } catch (JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String shortKey(String key) {
        return key.length() > 100 ? key.substring(0, 100) + "…" : key;
    }

    private List<FieldProblem> typeRules(ProposalRequest r) {
        List<FieldProblem> problems = new ArrayList<>();
        if (r.type() == ProposalType.REPLY && (r.reply() == null || r.reply().text() == null)) {
            problems.add(new FieldProblem("reply.text", "is required for a REPLY"));
        }
        if (r.type() == ProposalType.ACTION && r.action() == null) {
            problems.add(new FieldProblem("action", "is required for an ACTION"));
        }
        if (r.customer() != null && r.customer().attributes() != null) {
            r.customer().attributes().forEach((key, value) -> {
                if (jsonLength(value) > ProposalRequest.MAX_FREE_JSON_CHARS) {
                    problems.add(new FieldProblem("customer.attributes[" + shortKey(key) + "]",
                            "must be at most " + ProposalRequest.MAX_FREE_JSON_CHARS + " characters as JSON"));
                }
            });
        }
        if (r.action() != null && r.action().parameters() != null
                && jsonLength(r.action().parameters()) > ProposalRequest.MAX_FREE_JSON_CHARS) {
            problems.add(new FieldProblem("action.parameters",
                    "must be at most " + ProposalRequest.MAX_FREE_JSON_CHARS + " characters as JSON"));
        }
        return problems;
    }

    /** Bean validation paths look like {@code conversation.messages[0].text}; keep them, minus container noise. */
    private static String fieldName(String path) {
        return path.replaceAll("<[^>]+>", "").replaceAll("\\.$", "");
    }
}
