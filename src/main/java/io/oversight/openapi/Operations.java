package io.oversight.openapi;

import java.util.List;
import java.util.Map;

/**
 * What the generated description cannot know from the code: per {@code /api/v1} operation its
 * summary, who may call it, its success and error statuses and its examples. An operation missing
 * here is undocumented, and the API description test fails.
 */
final class Operations {

    enum Caller { AGENT, PERSON, AGENT_OR_PERSON }

    /**
     * @param requestExamples names in {@code openapi/examples.json}, or {@code demo:*} for every demo example
     * @param created         also answers 201 with the same body as 200 (a new resource)
     */
    record Doc(String summary, String description, Caller caller, List<Integer> errors, List<String> requestExamples,
            String responseExample, boolean created) {}

    private static final List<Integer> READ = List.of(401, 403, 404);

    static final Map<String, Doc> ALL = Map.ofEntries(
            Map.entry("POST /api/v1/proposals", new Doc("Submit a proposal",
                    "Routine work is decided in this answer (`APPROVED`); escalated work answers `PENDING_REVIEW` with its "
                            + "`reasons`, `review` and a `customerMessage` to show the customer. Repeating the same "
                            + "`idempotencyKey` with the same body answers 200 with the same proposal; with a different body 409. "
                            + "Bodies over 256 KiB are 413, other content types 415.",
                    Caller.AGENT, List.of(400, 401, 403, 409, 413, 415), List.of("contract-proposal", "demo:*"),
                    "proposal-document", true)),
            Map.entry("GET /api/v1/proposals/{id}", new Doc("Read a proposal, or wait for it to change",
                    "With `waitSeconds` (0–60) the call holds until the status changes or the time runs out (long poll), "
                            + "then answers the current document. An agent sees only the proposals its own key submitted.",
                    Caller.AGENT_OR_PERSON, List.of(400, 401, 404), List.of(), "proposal-document", false)),
            Map.entry("POST /api/v1/proposals/{id}/information", new Doc("Answer a reviewer's question",
                    "Only in `AWAITING_INFORMATION` (otherwise 409). The submitting agent's key, or a reviewer of the "
                            + "proposal's queue; anyone else gets 403. The proposal goes back to its queue.",
                    Caller.AGENT_OR_PERSON, List.of(400, 401, 403, 404, 409, 413, 415), List.of("information"),
                    "proposal-document", false)),
            Map.entry("GET /api/v1/proposals/{id}/audit", new Doc("A proposal's audit trail, oldest first",
                    "The submitting agent's key, or HTTP Basic as a member of support-leads, qa or camunda-admin.",
                    Caller.AGENT_OR_PERSON, READ, List.of(), "trail", false)),
            Map.entry("GET /api/v1/metrics", new Doc("Oversight quality over a window",
                    "Default window: the last 7 days. support-leads, qa or camunda-admin.",
                    Caller.PERSON, List.of(400, 401, 403), List.of(), null, false)),
            Map.entry("GET /api/v1/audit/verify", new Doc("Verify the append-only audit ledger end to end",
                    "Names the first broken entry when a row was changed or removed. support-leads, qa or camunda-admin.",
                    Caller.PERSON, List.of(401, 403), List.of(), "verification", false)),
            Map.entry("GET /api/v1/audit/export", new Doc("Export the ledger of a window as JSON Lines",
                    "At most 31 days; every field needed to recompute the hashes. support-leads, qa or camunda-admin.",
                    Caller.PERSON, List.of(400, 401, 403), List.of(), null, false)),
            Map.entry("GET /api/v1/policies/{workflow}", new Doc("A workflow's policy",
                    "`default` applies where a workflow has none. support-leads, qa or camunda-admin.",
                    Caller.PERSON, List.of(401, 403), List.of(), "policy", false)),
            Map.entry("PUT /api/v1/policies/{workflow}", new Doc("Change a workflow's policy",
                    "`EXCEPTIONS_ONLY`, `MANDATORY_REVIEW` or `PAUSED`, and the QA sample rate. support-leads or "
                            + "camunda-admin; every change is audited.",
                    Caller.PERSON, List.of(400, 401, 403), List.of("policy-change"), "policy", false)),
            Map.entry("POST /api/v1/rules/replay", new Doc("Backtest a candidate escalationRules table",
                    "How the past proposals of the window would have gone; nothing live changes. support-leads or "
                            + "camunda-admin.",
                    Caller.PERSON, List.of(400, 401, 403), List.of("replay-request"), null, false)),
            // the owner's analysis (CONTRACT §3)
            Map.entry("GET /api/v1/metrics/reasons", new Doc("Oversight quality per reason code",
                    "Escalations, decisions, override and false-escalation rates, approval times and QA misses per "
                            + "reason over the window. support-leads, qa or camunda-admin.",
                    Caller.PERSON, List.of(400, 401, 403), List.of(), null, false)),
            Map.entry("GET /api/v1/metrics/sources", new Doc("Retrieved sources by how often people overrode them",
                    "Per source cited by decided escalations, worst first. support-leads, qa or camunda-admin.",
                    Caller.PERSON, List.of(400, 401, 403), List.of(), null, false)),
            Map.entry("GET /api/v1/metrics/series", new Doc("Oversight quality as a time series",
                    "Per hour, day or week, empty buckets included. support-leads, qa or camunda-admin.",
                    Caller.PERSON, List.of(400, 401, 403), List.of(), null, false)),
            Map.entry("GET /api/v1/policies/{workflow}/readiness", new Doc("Is a workflow ready for sampled QA?",
                    "Override rate with its Wilson 95 % upper bound and a recommendation. support-leads, qa or "
                            + "camunda-admin.",
                    Caller.PERSON, List.of(400, 401, 403), List.of(), null, false)),
            Map.entry("GET /api/v1/metrics/readiness", new Doc("Readiness of every workflow for sampled QA",
                    "Per workflow, as GET /api/v1/policies/{workflow}/readiness. support-leads, qa or camunda-admin.",
                    Caller.PERSON, List.of(400, 401, 403), List.of(), null, false)),
            Map.entry("GET /api/v1/feedback/examples", new Doc("Labelled examples from reviewer verdicts and QA",
                    "JSON Lines `{text, language, labels, source}`: the latest customer message of each proposal a person "
                            + "edited, rejected, vetoed or took over (labels: the signals of its signal reasons), and of each "
                            + "automatic approval QA found should have escalated for a signal reason (labels: that signal). "
                            + "Default window the last 7 days, at most 31. support-leads, qa or camunda-admin.",
                    Caller.PERSON, List.of(400, 401, 403), List.of(), null, false)),
            // agent keys at run time (camunda-admin)
            Map.entry("GET /api/v1/agent-keys", new Doc("The agent keys (hashes only)",
                    "camunda-admin.", Caller.PERSON, List.of(401, 403), List.of(), null, false)),
            Map.entry("POST /api/v1/agent-keys", new Doc("Register an agent key by its SHA-256",
                    "Never send the key itself. camunda-admin.", Caller.PERSON, List.of(400, 401, 403, 415), List.of(),
                    null, false)),
            Map.entry("DELETE /api/v1/agent-keys/{sha256}", new Doc("Revoke an agent key for good",
                    "Every node refuses it within the lookup cache time. camunda-admin.", Caller.PERSON,
                    List.of(400, 401, 403, 404), List.of(), null, false)));

    private Operations() {}
}
