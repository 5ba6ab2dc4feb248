package io.oversight.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A proposal as an AI agent submits it (CONTRACT §3). Unknown fields are ignored. Every string has
 * a maximum length and every list and map a maximum size (README, "Input limits"); a longer value
 * is a 400 naming the field. The JSON inside {@code customer.attributes} and {@code action.parameters}
 * is bounded by {@link #MAX_FREE_JSON_CHARS} per value (checked by the request reader).
 */
public record ProposalRequest(
        @NotBlank @Size(min = 1, max = 200) String idempotencyKey,
        @NotNull ProposalType type,
        @Size(max = 100) String workflow,
        @Size(max = 50) String channel,
        @NotNull @Valid Conversation conversation,
        @Valid Customer customer,
        @Size(max = 50) List<@Valid @NotNull Source> sources,
        @Size(max = 50) List<@NotNull @Size(max = 1000) String> attemptedSteps,
        @Valid Reply reply,
        @Valid Action action,
        @NotNull @Valid Agent agent,
        @Size(max = 20) Map<@Size(max = 50) String, @NotNull @DecimalMin("0") @DecimalMax("1") Double> signals,
        @Size(max = 2000) String callbackUrl) {

    /** Longest JSON text of one {@code customer.attributes} value, and of all of {@code action.parameters}. */
    public static final int MAX_FREE_JSON_CHARS = 2000;

    public record Conversation(@Size(max = 200) String id,
            @NotEmpty @Size(max = 200) List<@Valid @NotNull Message> messages) {}

    public record Message(@NotBlank @Size(max = 50) String role, @NotNull @Size(max = 20000) String text,
            @Size(max = 50) String at) {}

    public record Customer(@Size(max = 200) String id, @Size(max = 100) String name, @Size(max = 50) String segment,
            @Size(max = 50) Map<@Size(max = 100) String, Object> attributes) {}

    public record Source(@Size(max = 300) String title, @Size(max = 2000) String url, @Size(max = 5000) String excerpt) {}

    public record Reply(@NotNull @Size(max = 20000) String text) {}

    public record Action(
            @NotBlank @Size(max = 50) @Pattern(regexp = "[A-Z][A-Z0-9_]*", message = "must be an upper-case word") String kind,
            @DecimalMin("0") @Digits(integer = 13, fraction = 4) BigDecimal amount,
            @Size(min = 3, max = 3) String currency,
            JsonNode parameters,
            Boolean irreversible,
            @Size(max = 1000) String summary) {

        public boolean isIrreversible() {
            return Boolean.TRUE.equals(irreversible);
        }
    }

    public record Agent(@NotBlank @Size(max = 100) String id, @NotNull @DecimalMin("0") @DecimalMax("1") Double confidence) {}

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
