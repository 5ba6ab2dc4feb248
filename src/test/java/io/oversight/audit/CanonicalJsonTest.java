package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void keysAreSortedAtEveryDepthAndArraysKeepTheirOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of(3, 1, 2));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reply", Map.of("text", "Hi"));
        details.put("after", inner);
        details.put("before", null);
        details.put("items", List.of(Map.of("b", true, "a", "x")));

        assertThat(CanonicalJson.write(mapper, details)).isEqualTo(
                "{\"after\":{\"a\":[3,1,2],\"z\":1},\"before\":null,\"items\":[{\"a\":\"x\",\"b\":true}],"
                        + "\"reply\":{\"text\":\"Hi\"}}");
    }

    @Test
    void sameDetailsInAnotherOrderGiveTheSameText() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("comment", "too high");
        one.put("decision", "REJECT");
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("decision", "REJECT");
        other.put("comment", "too high");

        assertThat(CanonicalJson.write(mapper, one)).isEqualTo(CanonicalJson.write(mapper, other));
    }

    @Test
    void spinJsonIsKeptAsJsonAndWhatJacksonCannotWriteAsText() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("editedAction", org.camunda.spin.Spin.JSON("{\"kind\":\"REFUND\",\"amount\":50}"));
        details.put("odd", new Object());

        String json = CanonicalJson.write(mapper, details);

        assertThat(json).startsWith("{\"editedAction\":{\"amount\":50,\"kind\":\"REFUND\"},\"odd\":\"java.lang.Object@");
    }

    @Test
    void noDetailsAreAnEmptyObject() {
        assertThat(CanonicalJson.write(mapper, null)).isEqualTo("{}");
        assertThat(CanonicalJson.write(mapper, Map.of())).isEqualTo("{}");
    }
}
