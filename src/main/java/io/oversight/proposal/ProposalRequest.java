package io.oversight.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A proposal as an AI agent submits it (CONTRACT §3). Unknown fields are ignored. */
public record ProposalRequest(
        @NotBlank @Size(min = 1, max = 200) String idempotencyKey,
        @NotNull ProposalType type,
        @Size(max = 100) String workflow,
        @Size(max = 50) String channel,
        @NotNull @Valid Conversation conversation,
        @Valid Customer customer,
        List<@Valid Source> sources,
        List<String> attemptedSteps,
        @Valid Reply reply,
        @Valid Action action,
        @NotNull @Valid Agent agent,
        Map<String, @DecimalMin("0") @DecimalMax("1") Double> signals,
        @Size(max = 2000) String callbackUrl) {

    public record Conversation(@Size(max = 200) String id, @NotEmpty List<@Valid @NotNull Message> messages) {}

    public record Message(@NotBlank String role, @NotNull String text, String at) {}

    public record Customer(String id, String name, String segment, Map<String, Object> attributes) {}

    public record Source(String title, String url, String excerpt) {}

    public record Reply(@NotNull String text) {}

    public record Action(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]*", message = "must be an upper-case word") String kind,
            @DecimalMin("0") BigDecimal amount,
            @Size(min = 3, max = 3) String currency,
            JsonNode parameters,
            Boolean irreversible,
            String summary) {

        public boolean isIrreversible() {
            return Boolean.TRUE.equals(irreversible);
        }
    }

    public record Agent(@NotBlank String id, @NotNull @DecimalMin("0") @DecimalMax("1") Double confidence) {}

    public String workflowOrDefault() {
        return workflow == null || workflow.isBlank() ? "default" : workflow;
    }

    public String channelOrDefault() {
        return channel == null || channel.isBlank() ? "chat" : channel;
    }

    public String segmentOrDefault() {
        return customer == null || customer.segment() == null ? "standard" : customer.segment();
    }

    public List<Source> sourcesOrEmpty() {
        return sources == null ? List.of() : sources;
    }

    public List<String> attemptedStepsOrEmpty() {
        return attemptedSteps == null ? List.of() : attemptedSteps;
    }
}
