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
class ProposalRequestReader {

    private final ObjectMapper mapper;
    private final Validator validator;
    private final CallbackUrlCheck callbackUrls;

    ProposalRequestReader(ObjectMapper mapper, Validator validator, CallbackUrlCheck callbackUrls) {
        this.mapper = mapper;
        this.validator = validator;
        this.callbackUrls = callbackUrls;
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
        if (request.callbackUrl() != null && problems.stream().noneMatch(p -> p.field().equals("callbackUrl"))) {
            callbackUrls.refusal(request.callbackUrl())
                    .ifPresent(refusal -> problems.add(new FieldProblem("callbackUrl", refusal)));
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

    private static List<FieldProblem> typeRules(ProposalRequest r) {
        List<FieldProblem> problems = new ArrayList<>();
        if (r.type() == ProposalType.REPLY && (r.reply() == null || r.reply().text() == null)) {
            problems.add(new FieldProblem("reply.text", "is required for a REPLY"));
        }
        if (r.type() == ProposalType.ACTION && r.action() == null) {
            problems.add(new FieldProblem("action", "is required for an ACTION"));
        }
        return problems;
    }

    /** Bean validation paths look like {@code conversation.messages[0].text}; keep them, minus container noise. */
    private static String fieldName(String path) {
        return path.replaceAll("<[^>]+>", "").replaceAll("\\.$", "");
    }
}
