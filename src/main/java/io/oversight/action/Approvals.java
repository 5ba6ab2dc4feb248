package io.oversight.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.proposal.ProposalJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records approvals with their hashes (ovs_approval) and recomputes them for verification. */
@Component
public class Approvals {

    private final JdbcClient jdbc;
    private final ProposalJson json;
    private final ObjectMapper mapper;

    Approvals(JdbcClient jdbc, ProposalJson json, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = mapper;
    }

    /** Records what was approved, in the approving transaction, and returns it with its hashes. */
    public Approval record(String proposalId, JsonNode approved, List<String> approvers, Integer rulesVersion,
            Integer processVersion) {
        String payload = CanonicalForm.of(mapper, approved);
        String hash = CanonicalForm.sha256(payload);
        Approval approval = new Approval(proposalId, payload, hash, List.copyOf(approvers), rulesVersion, processVersion,
                recordHash(proposalId, hash, approvers, rulesVersion, processVersion));
        jdbc.sql("delete from ovs_approval where proposal_id = ?").param(proposalId).update();
        jdbc.sql("""
                insert into ovs_approval (proposal_id, approved_payload, approval_hash, approvers, rules_version,
                  process_version, record_hash, approved_at)
                values (:id, :payload, :hash, :approvers, :rules, :process, :record, :at)""")
                .param("id", proposalId).param("payload", payload).param("hash", hash)
                .param("approvers", json.write(approvers)).param("rules", rulesVersion).param("process", processVersion)
                .param("record", approval.recordHash()).param("at", OffsetDateTime.now(ZoneOffset.UTC)).update();
        return approval;
    }

    public Optional<Approval> find(String proposalId) {
        return jdbc.sql("select * from ovs_approval where proposal_id = ?").param(proposalId).query(this::map).optional();
    }

    /** SHA-256 of the canonical JSON ({@link CanonicalForm}) of an action or reply. */
    public String hashOf(JsonNode approved) {
        return CanonicalForm.sha256(CanonicalForm.of(mapper, approved));
    }

    /** Whether the stored approval is intact: its payload still gives its hash, and the record its record hash. */
    public boolean intact(Approval a) {
        try {
            return a.approvalHash().equals(hashOf(mapper.readTree(a.approvedPayload())))
                    && a.recordHash().equals(recordHash(a.proposalId(), a.approvalHash(), a.approvers(), a.rulesVersion(),
                            a.processVersion()));
        } catch (Exception e) {
            return false;
        }
    }

    private String recordHash(String proposalId, String hash, List<String> approvers, Integer rulesVersion,
            Integer processVersion) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("proposalId", proposalId);
        record.put("approvalHash", hash);
        record.put("approvers", approvers);
        record.put("rulesVersion", rulesVersion);
        record.put("processVersion", processVersion);
        return hashOf(mapper.valueToTree(record));
    }

    private Approval map(ResultSet rs, int row) throws SQLException {
        List<String> approvers = List.of(json.read(rs.getString("approvers"), String[].class));
        return new Approval(rs.getString("proposal_id"), rs.getString("approved_payload"), rs.getString("approval_hash"),
                approvers, (Integer) rs.getObject("rules_version", Integer.class),
                (Integer) rs.getObject("process_version", Integer.class), rs.getString("record_hash"));
    }
}
