package io.oversight.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who the customer is, which of their turns count, and which languages are judged — through the agent API. */
@OversightTest
class CustomerJudgementApiTest {

    private static final String ANGRY = "This is the third time my order is late. I am absolutely furious with your "
            + "service, it is a disgrace.";

    @LocalServerPort int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    /** The routine example (sourced, confident reply) with the given conversation: role, text, role, text, ... */
    private JsonNode submit(String... rolesAndTexts) {
        ObjectNode body = ApiClient.freshExample("routine-reply");
        ArrayNode messages = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < rolesAndTexts.length; i += 2) {
            messages.addObject().put("role", rolesAndTexts[i]).put("text", rolesAndTexts[i + 1]);
        }
        ((ObjectNode) body.get("conversation")).set("messages", messages);
        var response = api.submit(body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static List<String> reasons(JsonNode doc) {
        List<String> codes = new ArrayList<>();
        doc.get("reasons").forEach(r -> codes.add(r.get("code").asText()));
        return codes;
    }

    @ParameterizedTest(name = "role \"{0}\" is the customer")
    @CsvSource({"customer", "user", "User ", "human", "client", "caller", "' CUSTOMER'"})
    void everyRoleThatIsNotTheAgentsIsJudgedAsTheCustomer(String role) {
        JsonNode doc = submit(role, ANGRY);
        assertThat(doc.get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(reasons(doc)).contains("ANGRY_CUSTOMER");
        JsonNode anger = doc.get("reasons").get(reasons(doc).indexOf("ANGRY_CUSTOMER"));
        assertThat(anger.get("detail").asText()).contains("scored").contains("for anger");
    }

    @ParameterizedTest(name = "role \"{0}\" is not the customer")
    @CsvSource({"agent", "assistant", "system", "tool", "' Assistant '"})
    void agentSystemAndToolMessagesAreNotCustomerLanguage(String role) {
        JsonNode doc = submit(role, ANGRY, "user", "When will my order o-5521 arrive?");
        assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("APPROVED");
    }

    @Test
    void angerStillCountsOneTurnLaterWhenNothingResolvedIt() {
        JsonNode doc = submit("user", ANGRY, "assistant", "I am sorry. Could you give me the order number?",
                "user", "The order number is o-5521.");
        assertThat(reasons(doc)).contains("ANGRY_CUSTOMER");
        JsonNode anger = doc.get("reasons").get(reasons(doc).indexOf("ANGRY_CUSTOMER"));
        assertThat(anger.get("detail").asText()).contains("1 turn(s) back");
    }

    @Test
    void aLaterCustomerTurnThatSaysItIsResolvedCancelsEarlierAnger() {
        JsonNode doc = submit("user", ANGRY, "assistant", "I am sorry, your parcel is now out for delivery.",
                "user", "Ok it's sorted now, thanks for the quick help.");
        assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("APPROVED");
    }

    @Test
    void angerManyTurnsAgoFadesOut() {
        JsonNode doc = submit("user", ANGRY, "assistant", "Which order is it?", "user", "o-5521",
                "assistant", "Thanks.", "user", "It was sent to Leeds.", "assistant", "Noted.",
                "user", "Apartment 4, second floor.", "assistant", "And the postcode?", "user", "The postcode is LS1 4AB.");
        assertThat(reasons(doc)).as(doc.toString()).doesNotContain("ANGRY_CUSTOMER");
    }

    @ParameterizedTest(name = "{0}: a risky message reaches a person")
    @CsvSource(delimiter = '|', value = {
        "de|Ich will sofort mit einem Menschen sprechen, euer Bot ist völlig nutzlos und ich bin stinksauer!",
        "fr|C'est inadmissible, troisième fois que je vous écris ! Je veux parler à un conseiller humain tout de suite.",
        "es|Estoy harto, es la tercera vez que escribo. Quiero hablar con una persona real, no con un robot.",
        "nl|Dit is echt belachelijk, al de derde keer! Ik wil nu een medewerker spreken, geen computer.",
        "it|Sono furioso, è la terza volta che scrivo! Voglio parlare subito con un operatore umano."})
    void riskyMessagesInEveryCoveredLanguageReachAPerson(String language, String text) {
        JsonNode doc = submit("user", text);
        assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("PENDING_REVIEW");
        assertThat(reasons(doc)).containsAnyOf("ANGRY_CUSTOMER", "CUSTOMER_REQUESTED_HUMAN")
                .doesNotContain("LANGUAGE_NOT_COVERED");
    }

    @ParameterizedTest(name = "{0}: a routine question flows")
    @CsvSource(delimiter = '|', value = {
        "de|Hallo, wann kommt meine Bestellung o-5521 ungefähr an?",
        "fr|Bonjour, quand est-ce que ma commande o-5521 sera livrée ?",
        "en|Hi! When will my order o-5521 arrive?"})
    void routineMessagesInCoveredLanguagesFlow(String language, String text) {
        JsonNode doc = submit("customer", text);
        assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("APPROVED");
    }

    @Test
    void aMessageInAnUncoveredLanguageGoesToAPerson() {
        JsonNode doc = submit("user", "Olá, gostaria de saber quando chega a minha encomenda o-5521, obrigado.");
        assertThat(doc.get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(reasons(doc)).containsExactly("LANGUAGE_NOT_COVERED");
        assertThat(doc.get("reasons").get(0).get("detail").asText()).contains("'pt'");
        assertThat(doc.get("review").get("queue").asText()).isEqualTo("support-agents");
    }
}
