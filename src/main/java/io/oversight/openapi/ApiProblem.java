package io.oversight.openapi;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The shape of every error answer (RFC 9457 problem+json, CONTRACT §3), for the API description only. */
@Schema(name = "Problem", description = "RFC 9457 problem details; validation errors name each field in `errors`")
record ApiProblem(
        @Schema(example = "https://oversight.io/problems/invalid-request") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "agent.confidence must be less than or equal to 1") String detail,
        @Schema(example = "/api/v1/proposals") String instance,
        @Schema(description = "Present on validation errors and conflicts about one field") List<FieldError> errors) {

    @Schema(name = "FieldError")
    record FieldError(@Schema(example = "agent.confidence") String field,
            @Schema(example = "must be less than or equal to 1") String message) {}
}
