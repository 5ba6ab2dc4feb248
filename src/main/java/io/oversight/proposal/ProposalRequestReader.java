package io.oversight.proposal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.security.CallbackTargets;
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
class ProposalRequestReader {

    private final ObjectMapper mapper;
    private final Validator validator;
    private final CallbackTargets callbackTargets;

    ProposalRequestReader(ObjectMapper mapper, Validator validator, CallbackTargets callbackTargets) {
        this.mapper = mapper;
        this.validator = validator;
        this.callbackTargets = callbackTargets;
    }

    ProposalRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw InvalidRequestException.of("$", "must be a JSON object");
        }
        ProposalRequest request = bind(body);
        List<FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<ProposalRequest> v : validator.validate(request)) {
            problems.add(new FieldProblem(fieldName(v.getPropertyPath().toString()), v.getMessage()));
        }
        problems.addAll(typeRules(request));
        boolean callbackJudged = problems.stream().anyMatch(p -> p.field().equals("callbackUrl"));
        if (request.callbackUrl() != null && !callbackJudged) {
            String refusal = callbackTargets.refusalAtSubmission(request.callbackUrl());
            if (refusal != null) {
                problems.add(new FieldProblem("callbackUrl", refusal));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(FieldProblem::field));
            throw new InvalidRequestException(problems);
        }
        return request;
    }

    private ProposalRequest bind(JsonNode body) {
        try {
            return mapper.treeToValue(body, ProposalRequest.class);
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
        if (r.callbackUrl() != null && !isHttpUrl(r.callbackUrl())) {
            problems.add(new FieldProblem("callbackUrl", "must be an absolute http or https URL"));
        }
        return problems;
    }

    private static boolean isHttpUrl(String text) {
        try {
            java.net.URI uri = new java.net.URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Bean validation paths look like {@code conversation.messages[0].text}; keep them, minus container noise. */
    private static String fieldName(String path) {
        return path.replaceAll("<[^>]+>", "").replaceAll("\\.$", "");
    }
}
