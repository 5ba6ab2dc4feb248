package io.oversight.proposal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The answer to a reviewer's question (CONTRACT §3, {@code POST /api/v1/proposals/{id}/information}). */
public record InformationAnswer(@NotBlank @Size(max = 3000) String text) {}
