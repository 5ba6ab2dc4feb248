package io.oversight.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A reviewer's work in the real Camunda Tasklist, driven by a headless Chromium: find the task in
 * the team's queue, read the case in the review form, decide, and the agent sees the outcome.
 * The browser is the machine's own Chromium (no download); see {@code .ci/browser.sh}.
 */
@OversightTest
@EnabledIfEnvironmentVariable(named = "OVERSIGHT_TEST_CHROMIUM", matches = ".+",
        disabledReason = "Set OVERSIGHT_TEST_CHROMIUM=/usr/bin/chromium (apt-get install chromium) to run the browser journeys; .ci/run does this")
class ReviewerJourneyBrowserTest {

    private static final double TIMEOUT_MS = 45_000; // Camunda's webapps load slowly on a busy 2-core CI machine
    private static final Path ARTIFACTS = Paths.get("target", "browser");
    private static final String MARKUP = "<script>window.__pwned=1</script> <img src=x onerror=\"window.__pwned=2\">";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort int port;
    private ApiClient api;
    private BrowserContext context;
    private Page page;
    private final List<String> dialogs = new CopyOnWriteArrayList<>();

    /** On a failure, keep what the browser showed: the HTML and a screenshot in target/browser/. */
    @RegisterExtension
    final TestExecutionExceptionHandler keepEvidence = (extensionContext, failure) -> {
        if (page != null && !page.isClosed()) {
            String name = extensionContext.getRequiredTestMethod().getName() + "-failure";
            try {
                Files.writeString(ARTIFACTS.resolve(name + ".html"), page.content());
                page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve(name + ".png")).setFullPage(true));
            } catch (RuntimeException | IOException e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    };

    @BeforeAll
    static void launchBrowser() throws IOException {
        Files.createDirectories(ARTIFACTS);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getenv("OVERSIGHT_TEST_CHROMIUM")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage() {
        api = new ApiClient("http://localhost:" + port);
        // A tall window, so the whole review form is visible at once (and in the screenshot).
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 2000));
        context.setDefaultTimeout(TIMEOUT_MS);
        context.setDefaultNavigationTimeout(TIMEOUT_MS);
        page = context.newPage();
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
    }

    @AfterEach
    void closePage() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void leadEditsAnAngryCustomerReplyInTasklist() {
        JsonNode example = ApiClient.freshExample("angry-customer");
        String proposalId = submitForReview(example);
        String taskId = reviewTaskOf(proposalId);

        page.navigate(tasklist());
        logIn("lena");
        Locator task = openQueueAndFind("Queue: support-leads", taskId);
        PlaywrightAssertions.assertThat(task).hasText(Pattern.compile("^\\s*Review reply to Rob Mertens"));
        task.click();

        PlaywrightAssertions.assertThat(field("field_conversation")).hasValue(Pattern.compile("THIRD time"));
        PlaywrightAssertions.assertThat(field("field_sources")).hasValue(Pattern.compile("Order o-7710"));
        PlaywrightAssertions.assertThat(field("field_reasons")).hasValue(Pattern.compile("ANGRY_CUSTOMER"));
        PlaywrightAssertions.assertThat(field("field_proposed_reply"))
                .hasValue(containing(example.at("/reply/text").asText()));
        page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("lead-review-form.png")));

        page.locator("button.claim").click();
        PlaywrightAssertions.assertThat(page.locator("button.claim")).hasCount(0);
        chooseDecision("Edit, then send");
        String newReply = "Rob, I am sorry we kept you waiting three times. Order o-7710 leaves our warehouse today "
                + "with free express delivery, and I will personally check it ships. — Lena";
        Locator editedReply = field("field_edited_reply");
        editedReply.fill(newReply);
        PlaywrightAssertions.assertThat(editedReply).hasValue(newReply);
        complete();

        JsonNode proposal = api.proposal(proposalId).json();
        assertThat(proposal.path("status").asText()).as(proposal.toString()).isEqualTo("EDITED");
        assertThat(proposal.at("/outcome/reply/text").asText()).isEqualTo(newReply);
        assertThat(proposal.at("/outcome/decidedBy").asText()).isEqualTo("lena");
        assertThat(dialogs).isEmpty();
    }

    @Test
    void customerMarkupIsShownAsTextAndRunsNothing() {
        ObjectNode example = ApiClient.freshExample("angry-customer");
        ObjectNode message = (ObjectNode) example.at("/conversation/messages/0");
        message.put("text", message.path("text").asText() + "\n" + MARKUP);
        String proposalId = submitForReview(example);
        String taskId = reviewTaskOf(proposalId);

        page.navigate(tasklist() + "#/?task=" + taskId);
        logIn("lena");

        Locator conversation = field("field_conversation");
        PlaywrightAssertions.assertThat(conversation).hasValue(Pattern.compile("THIRD time"));
        PlaywrightAssertions.assertThat(conversation).hasValue(containing(MARKUP));
        assertThat(conversation.inputValue()).contains("<script>window.__pwned=1</script>");

        Locator form = page.locator(".fjs-container");
        assertThat(form.locator("script").count()).as("script elements in the form").isZero();
        assertThat(form.locator("img[src='x']").count()).as("the customer's img in the form").isZero();
        assertThat(page.locator("img[src='x'], [onerror]").count()).as("the customer's markup anywhere").isZero();
        assertThat(page.evaluate("() => typeof window.__pwned")).isEqualTo("undefined");
        assertThat(dialogs).isEmpty();
    }

    // --- steps

    private String submitForReview(JsonNode body) {
        ApiClient.Response submitted = api.submit(body);
        assertThat(submitted.status()).as(submitted.body()).isBetween(200, 299);
        JsonNode proposal = submitted.json();
        assertThat(proposal.path("status").asText()).as("the example must wait for a person: " + proposal)
                .isEqualTo("PENDING_REVIEW");
        assertThat(proposal.at("/review/queue").asText()).as(proposal.toString()).isEqualTo("support-leads");
        return proposal.path("id").asText();
    }

    private String reviewTaskOf(String proposalId) {
        JsonNode tasks = api.get("/engine-rest/task?processInstanceBusinessKey=" + proposalId, ApiClient.basic("lena")).json();
        assertThat(tasks).as("review tasks of %s visible to lena", proposalId).hasSize(1);
        return tasks.get(0).path("id").asText();
    }

    private String tasklist() {
        return "http://localhost:" + port + "/camunda/app/tasklist/default/";
    }

    private void logIn(String user) {
        CamundaLogin.logIn(page, user);
    }

    /**
     * Opens a queue (a Tasklist filter) in the filter list and returns the task's entry in its list.
     * Other tests may have left tasks in the same queue, so this pages through the list as a person
     * would. Which page holds the task is read from Tasklist's own list responses, so no step races
     * the list's rendering.
     */
    private Locator openQueueAndFind(String queueName, String taskId) {
        String filterId = api.get("/engine-rest/filter?name=" + URLEncoder.encode(queueName, StandardCharsets.UTF_8),
                ApiClient.basic("lena")).json().path(0).path("id").asText();
        assertThat(filterId).as("filter %s", queueName).isNotEmpty();
        Locator entry = page.locator("ol.tasks-list h4.task a[href='#/?task=" + taskId + "']");
        Locator queue = page.locator(".task-filter").filter(new Locator.FilterOptions().setHasText(queueName));
        Locator next = page.locator("ul.pagination li.pagination-next:not(.disabled) a");

        JsonNode list = listResponse(filterId, 0, () -> queue.locator("h4.name a").click());
        for (int first = 0; !contains(list, taskId); ) {
            int shown = list.path("_embedded").path("task").size();
            assertThat(shown).as("task %s not in %s (%s tasks)", taskId, queueName, list.path("count")).isPositive();
            assertThat(first + shown).as("task %s not in %s", taskId, queueName).isLessThan(list.path("count").asInt());
            first += shown;
            list = listResponse(filterId, first, next::click);
        }
        PlaywrightAssertions.assertThat(entry).isVisible();
        return entry;
    }

    private JsonNode listResponse(String filterId, int firstResult, Runnable action) {
        Pattern url = Pattern.compile("/filter/" + filterId + "/list\\?(.*&)?firstResult=" + firstResult + "(&|$)");
        com.microsoft.playwright.Response response = page.waitForResponse(r -> url.matcher(r.url()).find(), action);
        assertThat(response.status()).as(response.url()).isEqualTo(200);
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(JsonNode list, String taskId) {
        for (JsonNode task : list.path("_embedded").path("task")) {
            if (taskId.equals(task.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    /** A field of the Camunda Form by its component id (form-js renders ids as {@code fjs-form-<random>-<id>}). */
    private Locator field(String componentId) {
        return page.locator(".fjs-container [id$='-" + componentId + "']");
    }

    private void chooseDecision(String label) {
        page.locator(".fjs-container [id$='-field_decision-display']").click();
        page.locator(".fjs-container .fjs-dropdownlist-item").filter(new Locator.FilterOptions().setHasText(label)).click();
        PlaywrightAssertions.assertThat(page.locator(".fjs-container [id$='-field_decision-display']")).hasText(label);
    }

    private void complete() {
        Locator completeButton = page.locator(".form-actions button.btn-primary", new Page.LocatorOptions().setHasText("Complete"));
        PlaywrightAssertions.assertThat(completeButton).isEnabled();
        var response = page.waitForResponse(
                r -> r.url().contains("/submit-form") && "POST".equals(r.request().method()),
                completeButton::click);
        assertThat(response.status()).as(response.url() + ": " + safeText(response)).isBetween(200, 299);
    }

    /** A pattern for "contains this literal text"; Playwright runs it as a JavaScript regex, so no \Q…\E. */
    private static Pattern containing(String literal) {
        return Pattern.compile(literal.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0"));
    }

    private static String safeText(com.microsoft.playwright.Response response) {
        try {
            return response.text();
        } catch (RuntimeException e) {
            return "(no body)";
        }
    }
}
