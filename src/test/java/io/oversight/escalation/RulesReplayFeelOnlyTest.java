package io.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.model.dmn.Dmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A rule author replaying JUEL or script DMN (issue 9, item 6): refused with a 400 naming the
 * element, and the replay engine could not run them anyway.
 */
@OversightTest
class RulesReplayFeelOnlyTest {

    private static final String MARKER = "oversight.replay.pwned";

    @LocalServerPort int port;
    ApiClient api;
    String current;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient("http://localhost:" + port);
        current = Files.readString(Path.of("processes/escalation-rules.dmn"));
        api.submit(ApiClient.freshExample("routine-reply")); // one proposal in the window to evaluate
    }

    @Test
    void aJuelInputEntryIsRefusedNamingIt() throws Exception {
        String juel = current.replaceFirst("<inputEntry id=\"rule_low_confidence_in_confidence\">",
                "<inputEntry id=\"rule_low_confidence_in_confidence\" expressionLanguage=\"juel\">");
        assertRefused(juel, "inputEntry id=\"rule_low_confidence_in_confidence\"", "juel");
    }

    @Test
    void scriptsAnywhereAreRefusedNamingEachElement() throws Exception {
        String scripts = current
                .replaceFirst("<definitions ", "<definitions expressionLanguage=\"javascript\" ")
                .replaceFirst("<inputExpression id=\"inputExpression_channel\" typeRef=\"string\">",
                        "<inputExpression id=\"inputExpression_channel\" typeRef=\"string\" expressionLanguage=\"groovy\">")
                .replaceFirst("<outputEntry id=\"rule_security_signal_out_reason\">",
                        "<outputEntry id=\"rule_security_signal_out_reason\" expressionLanguage=\"JavaScript\">");
        var response = replay(scripts);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode errors = response.json().get("errors");
        assertThat(errors).hasSize(3);
        assertThat(errors.toString()).contains("<definitions id=\\\"definitions_escalation_rules\\\"> uses expressionLanguage \\\"javascript\\\"")
                .contains("inputExpression_channel").contains("groovy")
                .contains("rule_security_signal_out_reason").contains("JavaScript");
    }

    @Test
    void aDoctypeIsRefused() throws Exception {
        String xxe = current.replaceFirst("<definitions ",
                "<!DOCTYPE definitions [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><definitions ");
        var response = replay(xxe);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("root:");
    }

    @Test
    void feelCannotReachJava() throws Exception {
        String external = current.replaceFirst(
                "(<outputEntry id=\"rule_security_signal_out_reason\">\\s*<text>)[^<]*(</text>)",
                "$1(function(k, v) external {java: {class: \"java.lang.System\", "
                        + "method signature: \"setProperty(java.lang.String, java.lang.String)\"}})(\"" + MARKER + "\", \"yes\")$2");
        assertThat(external).isNotEqualTo(current);
        var response = replay(external);
        assertThat(response.status()).as(response.body()).isIn(200, 400);
        assertThat(System.getProperty(MARKER)).as("no Java method ran").isNull();
    }

    @Test
    void theReplayEngineItselfRunsNoJuelAndNoScript() {
        DmnEngine engine = FeelOnlyDmn.engine();
        for (String language : new String[] {"juel", "javascript", "groovy"}) {
            String dmn = """
                    <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">
                      <decision id="literal" name="literal">
                        <variable id="v" name="literal" typeRef="string" />
                        <literalExpression id="e" expressionLanguage="%s"><text>"x".concat("y")</text></literalExpression>
                      </decision>
                    </definitions>""".formatted(language);
            DmnDecision decision = engine.parseDecision("literal",
                    Dmn.readModelFromStream(new ByteArrayInputStream(dmn.getBytes(StandardCharsets.UTF_8))));
            assertThatThrownBy(() -> engine.evaluateDecision(decision, Map.of())).as(language)
                    .hasStackTraceContaining("FEEL only");
        }
    }

    private void assertRefused(String candidate, String element, String language) throws Exception {
        var response = replay(candidate);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("dmnXml");
        assertThat(error.get("message").asText()).contains(element).contains(language).contains("FEEL only");
    }

    private ApiClient.Response replay(String dmn) throws Exception {
        return api.postJson("/api/v1/rules/replay", new ObjectMapper().writeValueAsString(Map.of("dmnXml", dmn)),
                ApiClient.basic("lena"));
    }
}
