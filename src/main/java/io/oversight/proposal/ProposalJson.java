package io.oversight.proposal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;

/** JSON of the stored proposal parts: canonical bodies, hashes, and the document view. */
@Component
public class ProposalJson {

    private static final TypeReference<List<ProposalDocument.Reason>> REASONS = new TypeReference<>() {};

    private final ObjectMapper mapper;
    private final ObjectMapper canonicalMapper;

    ProposalJson(ObjectMapper mapper) {
        this.mapper = mapper;
        this.canonicalMapper = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /** The body with object keys sorted, so equal JSON gives equal text whatever its formatting. */
    public String canonical(JsonNode body) {
        try {
            return canonicalMapper.writeValueAsString(canonicalMapper.treeToValue(body, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return text == null ? null : mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }

    public ProposalRequest request(ProposalRecord record) {
        return read(record.body(), ProposalRequest.class);
    }

    public ProposalDocument document(ProposalRecord r) {
        try {
            List<ProposalDocument.Reason> reasons = r.reasons() == null ? List.of() : mapper.readValue(r.reasons(), REASONS);
            return new ProposalDocument(r.id(), r.idempotencyKey(), r.type(), r.status(), r.escalated(), reasons,
                    read(r.review(), ProposalDocument.Review.class), r.customerMessage(),
                    r.outcome() == null ? null : mapper.readTree(r.outcome()), r.createdAt(), r.updatedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }
}
