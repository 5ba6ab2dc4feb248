package io.oversight.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The fast fill of bench/run.sh (mode {@code sql}): copies, inside PostgreSQL, every row a waiting
 * proposal has — its ovs_proposal row and the runtime and history rows of its agent-proposal
 * instance, held at its review task — {@code count} times in one {@code INSERT … SELECT} per table
 * over {@code generate_series} (unqualified columns in the conditions below resolve to the copied table). The template was submitted through the product, so each copy is
 * what the engine itself wrote, with:
 * <ul>
 * <li>every identifier of the template (the id of each copied row, activity instance ids, the
 * proposal id and its idempotency key) replaced, wherever it appears as a whole column value, by
 * a copy-specific UUID {@code md5(id || ':' || run || ':' || n)} — so parent, process instance,
 * task, byte array and authorization references stay consistent inside each copy;</li>
 * <li>the proposal id and key also replaced inside longer texts (variable values, the proposal's JSON,
 * serialized JSON variables);</li>
 * <li>every timestamp moved back by {@code n * spacingSeconds}, so the copies form a backlog that
 * arrived over time (creation times and due dates differ, as in a real queue).</li>
 * </ul>
 * The SLA timer jobs are copied as they are (the harness suspends them before filling, as it does
 * for the engine path). Not copied: the audit ledger, the decision history and the user operation log. The harness validates the copies with the engine's own
 * queries (docs/benchmarks.md, "How the fill is validated").
 */
final class SqlCloner {

    /** Tables and how to find the template instance's rows in them ({@code :p} = process instance id). */
    private static final Map<String, String> TABLES = Map.ofEntries(
            Map.entry("act_ru_execution", "proc_inst_id_ = :p"),
            Map.entry("act_ru_task", "proc_inst_id_ = :p"),
            Map.entry("act_ru_identitylink", "task_id_ in (select id_ from act_ru_task where proc_inst_id_ = :p)"),
            Map.entry("act_ru_variable", "proc_inst_id_ = :p"),
            Map.entry("act_ru_event_subscr", "proc_inst_id_ = :p"),
            Map.entry("act_ru_job", "process_instance_id_ = :p"),
            Map.entry("act_ru_authorization", "resource_id_ = :p or resource_id_ in (select id_ from act_ru_task where proc_inst_id_ = :p)"),
            Map.entry("act_ge_bytearray", "id_ in (select bytearray_id_ from act_ru_variable where proc_inst_id_ = :p"
                    + " union select bytearray_id_ from act_hi_varinst where proc_inst_id_ = :p"
                    + " union select bytearray_id_ from act_hi_detail where proc_inst_id_ = :p)"),
            Map.entry("act_hi_procinst", "proc_inst_id_ = :p"),
            Map.entry("act_hi_actinst", "proc_inst_id_ = :p"),
            Map.entry("act_hi_taskinst", "proc_inst_id_ = :p"),
            Map.entry("act_hi_varinst", "proc_inst_id_ = :p"),
            Map.entry("act_hi_detail", "proc_inst_id_ = :p"),
            Map.entry("act_hi_identitylink", "task_id_ in (select id_ from act_ru_task where proc_inst_id_ = :p)"));
    /** Insert order: referenced rows first (byte arrays before the variables pointing at them). */
    private static final List<String> ORDER = List.of("act_ge_bytearray", "act_ru_execution", "act_ru_task",
            "act_ru_identitylink", "act_ru_variable", "act_ru_event_subscr", "act_ru_job", "act_ru_authorization",
            "act_hi_procinst", "act_hi_actinst", "act_hi_taskinst", "act_hi_varinst", "act_hi_detail",
            "act_hi_identitylink");

    /** Columns whose text may hold the proposal id inside a longer value (variable values, the proposal's JSON). */
    private static final Set<String> TEXTS = Set.of("text_", "text2_", "description_", "body", "review", "reasons",
            "outcome", "customer_message");

    private final JdbcTemplate jdbc;
    private final String processInstanceId;
    private final String proposalId;
    private final String idempotencyKey;
    private final Set<String> ids = new LinkedHashSet<>();

    SqlCloner(JdbcTemplate jdbc, String processInstanceId, String proposalId, String idempotencyKey) {
        this.jdbc = jdbc;
        this.processInstanceId = processInstanceId;
        this.proposalId = proposalId;
        this.idempotencyKey = idempotencyKey;
        ids.add(proposalId);
        ids.add(idempotencyKey);
        ids.add(processInstanceId);
        for (String table : ORDER) {
            ids.addAll(jdbc.queryForList("select id_ from " + table + " where " + where(table), String.class));
        }
        ids.addAll(jdbc.queryForList("select act_inst_id_ from act_ru_execution where proc_inst_id_ = ?"
                + " and act_inst_id_ is not null", String.class, processInstanceId));
        ids.remove(null);
    }

    /** Copies the template {@code count} times, copy numbers {@code from}..{@code from + count - 1}; returns rows written. */
    long copy(String run, int from, int count, double spacingSeconds) {
        long rows = 0;
        for (String table : ORDER) {
            rows += jdbc.update(insert(table, run, from, count, spacingSeconds));
        }
        rows += jdbc.update(insert("ovs_proposal", run, from, count, spacingSeconds));
        return rows;
    }

    private String insert(String table, String run, int from, int count, double spacing) {
        List<Map<String, Object>> columns = jdbc.queryForList("select column_name, data_type from information_schema.columns"
                + " where table_schema = current_schema() and table_name = ? order by ordinal_position", table);
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String name = (String) column.get("column_name");
            String type = (String) column.get("data_type");
            names.add(name);
            values.add(expression(name, type, run, spacing));
        }
        return "with ids(m) as (select " + literal(idObject()) + "::jsonb) insert into " + table + " ("
                + String.join(", ", names) + ") select " + String.join(", ", values) + " from " + table
                + " t, ids, generate_series(" + from + ", " + (from + count - 1) + ") g where " + where(table);
    }

    /** The template's identifiers as the keys of a JSON object: a key lookup per column value, not a scan of a list. */
    private String idObject() {
        return ids.stream().map(id -> "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\":1")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private String where(String table) {
        String condition = table.equals("ovs_proposal") ? "id = :p" : TABLES.get(table);
        String value = table.equals("ovs_proposal") ? proposalId : processInstanceId;
        return condition.replace(":p", literal(value));
    }

    private String expression(String column, String type, String run, double spacing) {
        String c = "t." + column;
        String mapped = "md5(" + c + " || ':" + run + ":' || g)::uuid::text";
        return switch (type) {
            case "character varying", "text" -> "case when jsonb_exists(ids.m, " + c + ") then " + mapped + " else "
                    + (TEXTS.contains(column) ? replaced(c, run) : c) + " end";
            // serialized JSON variables (the proposal) carry the proposal id and key inside: only those are text
            case "bytea" -> "case when position(convert_to(" + literal(proposalId) + ", 'UTF8') in " + c + ") > 0"
                    + " or position(convert_to(" + literal(idempotencyKey) + ", 'UTF8') in " + c + ") > 0"
                    + " then convert_to(" + replaced("convert_from(" + c + ", 'UTF8')", run) + ", 'UTF8') else " + c + " end";
            case "timestamp without time zone", "timestamp with time zone" -> c + " - make_interval(secs => g * " + spacing + ")";
            case "bigint" -> column.equals("created_ms") ? c + " - (g * " + (long) (spacing * 1000) + ")::bigint" : c;
            default -> c;
        };
    }

    /** The text with the template's proposal id and idempotency key replaced by the copy's. */
    private String replaced(String text, String run) {
        String result = text;
        for (String id : List.of(proposalId, idempotencyKey)) {
            result = "replace(" + result + ", " + literal(id) + ", md5(" + literal(id) + " || ':" + run + ":' || g)::uuid::text)";
        }
        return result;
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    String processInstanceId() {
        return processInstanceId;
    }

    String proposalId() {
        return proposalId;
    }

    String idempotencyKey() {
        return idempotencyKey;
    }
}
