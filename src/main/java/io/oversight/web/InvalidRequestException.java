package io.oversight.web;

import java.util.List;

/** A request that breaks validation rules; answered with 400 problem+json naming each field. */
public class InvalidRequestException extends RuntimeException {

    public record FieldProblem(String field, String message) {}

    private final List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.size() + " invalid field(s)");
        this.problems = List.copyOf(problems);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
