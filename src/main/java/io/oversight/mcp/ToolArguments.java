package io.oversight.mcp;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Arguments of the tools that name a proposal; the proposal itself is {@code ProposalRequest}. */
final class ToolArguments {

    private ToolArguments() {}

    @Schema(name = "ProposalRef")
    record ProposalRef(@Schema(description = "The proposal id") @NotBlank @Size(max = 100) String id) {}

    @Schema(name = "ProposalWait")
    record ProposalWait(
            @Schema(description = "The proposal id") @NotBlank @Size(max = 100) String id,
            @Schema(description = "Long poll: wait up to this many seconds for the status to change (0-60)")
            @Min(0) @Max(60) Integer waitSeconds) {}
}
