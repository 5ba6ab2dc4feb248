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
import io.oversight.metrics.MetricPaths;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The owner's view in the real Cockpit (headless Chromium): the Oversight dashboard plugin shows what
 * {@code GET /api/v1/metrics} answers for the same window; a non-owner's session reads nothing.
 */
@OversightTest
@EnabledIfEnvironmentVariable(named = "OVERSIGHT_TEST_CHROMIUM", matches = ".+",
        disabledReason = "Set OVERSIGHT_TEST_CHROMIUM=/usr/bin/chromium (apt-get install chromium) to run the browser journeys; .ci/run does this")
class CockpitDashboardBrowserTest {

    private static final double TIMEOUT_MS = 45_000; // Camunda's webapps load slowly on a busy 2-core CI machine
    private static final Path ARTIFACTS = Paths.get("target", "browser");
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
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getenv("OVERSIGHT_TEST_CHROMIUM")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MS);
    }

    @AfterAll
    static void closeBrowser() {
        if (playwright != null) {
            playwright.close(); // closes the browser too
        }
    }

    @BeforeEach
    void openPage() {
        api = new ApiClient("http://localhost:" + port);
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
    void theCockpitDashboardShowsTheSameNumbersAsTheApi() throws IOException {
        someTraffic();
        long opened = System.currentTimeMillis();

        page.navigate("http://localhost:" + port + "/camunda/app/cockpit/default/");
        logIn("admin");
        Locator dashboard = page.locator("section.ovs-dashboard");
        PlaywrightAssertions.assertThat(dashboard).hasAttribute("data-state", "ready");
        Map<String, JsonNode> shown = shownFigures();
        page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cockpit-dashboard.png")).setFullPage(true));

        JsonNode api = metrics(dashboard.getAttribute("data-window-from"), dashboard.getAttribute("data-window-to"));
        long waited = (System.currentTimeMillis() - opened) / 1000 + 1;

        Map<String, JsonNode> expected = MetricPaths.of(api);
        assertThat(shown.keySet()).as("every figure of the API is on the dashboard").isEqualTo(expected.keySet());
        expected.forEach((metric, value) -> {
            if (metric.endsWith(".oldestWaitSeconds")) { // "now" moves on between the page's read and this one
                assertThat(value.asLong() - shown.get(metric).asLong()).as(metric).isBetween(0L, waited);
            } else if (value.isNumber()) { // JavaScript writes 0.0 as 0
                assertThat(shown.get(metric).isNumber()).as(metric).isTrue();
                assertThat(shown.get(metric).doubleValue()).as(metric).isEqualTo(value.doubleValue());
            } else {
                assertThat(shown.get(metric)).as(metric).isEqualTo(value);
            }
        });
        assertThat(shown.get("proposals").asLong()).as("the traffic of this test is in the window").isGreaterThanOrEqualTo(3);
        assertThat(dialogs).isEmpty();
    }

    /**
     * The owner's page: Chart.js charts (served by the application) whose points are the series API's, the
     * per-reason, worst-source and readiness tables as the API answers them — and a source title full of markup
     * shown as text, with no script of it run.
     */
    @Test
    void theOwnersPageDrawsTheSeriesAndTablesOfTheApiAndRunsNoCustomerScript() throws IOException {
        someTraffic();
        for (int i = 0; i < 3; i++) {
            ObjectNode body = ApiClient.freshExample("angry-customer");
            body.putArray("sources").addObject().put("title", EVIL);
            decide(api.submit(body).json().path("id").asText(), "EDIT");
        }
        List<String> fetched = new CopyOnWriteArrayList<>();
        page.onRequest(request -> fetched.add(request.url()));

        page.navigate("http://localhost:" + port + "/camunda/app/cockpit/default/");
        logIn("admin");
        Locator dashboard = page.locator("section.ovs-dashboard");
        PlaywrightAssertions.assertThat(dashboard).hasAttribute("data-state", "ready");
        page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("cockpit-owner.png")).setFullPage(true));
        String window = "from=" + dashboard.getAttribute("data-window-from") + "&to=" + dashboard.getAttribute("data-window-to");

        JsonNode points = owner("/api/v1/metrics/series?bucket=day&" + window).path("points");
        JsonNode drawn = MAPPER.valueToTree(page.evaluate("() => Object.fromEntries(Array.from("
                + "document.querySelectorAll('canvas[data-chart]')).map(c => [c.getAttribute('data-chart'), "
                + "Object.fromEntries(Chart.getChart(c).data.datasets.map(d => [d.label, d.data]))]))"));
        assertThat(points).hasSize(7);
        assertDrawn(drawn.path("rates").path("Escalation rate"), points, "/escalationRate");
        assertDrawn(drawn.path("rates").path("Override rate"), points, "/overrideRate");
        assertDrawn(drawn.path("rates").path("False escalation rate"), points, "/falseEscalationRate");
        assertDrawn(drawn.path("rates").path("Missed escalation rate"), points, "/missedEscalationRate");
        assertDrawn(drawn.path("approval").path("Approval time p50"), points, "/approvalTimeSeconds/p50");
        assertDrawn(drawn.path("approval").path("Approval time p90"), points, "/approvalTimeSeconds/p90");
        assertDrawn(drawn.path("queues").path("support-leads"), points, "/openByQueue/support-leads");

        JsonNode reasons = owner("/api/v1/metrics/reasons?" + window);
        assertThat(page.locator("table.ovs-reasons tbody tr td:first-child").allTextContents())
                .containsExactlyElementsOf(texts(reasons, "reason"));
        JsonNode sources = owner("/api/v1/metrics/sources?minDecided=3&limit=10&" + window);
        assertThat(texts(sources, "source")).contains(EVIL);
        assertThat(page.locator("table.ovs-sources tbody tr td:first-child").allTextContents())
                .containsExactlyElementsOf(texts(sources, "source"));
        JsonNode readiness = owner("/api/v1/metrics/readiness?" + window);
        assertThat(page.locator("table.ovs-readiness [data-recommendation]").evaluateAll(
                "cells => cells.map(c => c.getAttribute('data-recommendation'))"))
                .isEqualTo(texts(readiness, "recommendation"));

        assertThat(page.locator("section.ovs-dashboard img, section.ovs-dashboard b").count())
                .as("the title's markup stays text").isZero();
        assertThat(dialogs).as("no script from the source title ran").isEmpty();
        assertThat(fetched).as("nothing from outside the application")
                .allMatch(url -> url.startsWith("http://localhost:" + port + "/"));
        assertThat(fetched).anyMatch(url -> url.contains("/webjars/chart.js/"));
    }

    @Test
    void aReviewerWhoIsNoOwnerCannotReadTheMetricsWithTheirSession() {
        page.navigate("http://localhost:" + port + "/camunda/app/tasklist/default/");
        logIn("alice");

        assertThat(statusOf("/api/v1/metrics", "GET")).as("alice's Tasklist session").isEqualTo(403);

        context.clearCookies();
        page.navigate("http://localhost:" + port + "/camunda/app/cockpit/default/");
        logIn("admin");
        assertThat(statusOf("/api/v1/metrics", "GET")).as("admin's Cockpit session").isEqualTo(200);
        assertThat(statusOf("/api/v1/policies/browser-test", "PUT")).as("no writes with the session").isEqualTo(401);
    }

    private void someTraffic() {
        String escalated = api.submit(ApiClient.freshExample("angry-customer")).json().path("id").asText();
        api.submit(ApiClient.freshExample("routine-reply"));
        api.submit(ApiClient.freshExample("legal-question"));
        JsonNode task = api.get("/engine-rest/task?processInstanceBusinessKey=" + escalated, ApiClient.basic("lena")).json();
        assertThat(api.postJson("/engine-rest/task/" + task.path(0).path("id").asText() + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"APPROVE\"}}}", ApiClient.basic("lena")).status()).isEqualTo(204);
    }

    private static final String EVIL = "<img src=x onerror=\"alert('source title ran')\">Refund <b>FAQ</b>";

    private void decide(String id, String decision) {
        JsonNode task = api.get("/engine-rest/task?processInstanceBusinessKey=" + id, ApiClient.basic("lena")).json();
        assertThat(api.postJson("/engine-rest/task/" + task.path(0).path("id").asText() + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"" + decision + "\"}, "
                        + "\"editedReply\": {\"value\": \"Sorry for the wait.\"}}}", ApiClient.basic("lena")).status())
                .isEqualTo(204);
    }

    private JsonNode owner(String path) {
        ApiClient.Response response = api.get(path, ApiClient.basic("lena"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The chart's points are the API's, null where the API has none (a gap in the line). */
    private static void assertDrawn(JsonNode drawn, JsonNode points, String pointer) {
        assertThat(drawn.size()).as(pointer).isEqualTo(points.size());
        for (int i = 0; i < points.size(); i++) {
            JsonNode expected = points.get(i).at(pointer);
            JsonNode actual = drawn.get(i);
            if (expected.isNull() || expected.isMissingNode()) {
                assertThat(actual.isNull() || (pointer.startsWith("/openByQueue") && actual.asDouble() == 0))
                        .as(pointer + " #" + i).isTrue();
            } else {
                assertThat(actual.asDouble()).as(pointer + " #" + i).isEqualTo(expected.asDouble());
            }
        }
    }

    private static List<String> texts(JsonNode rows, String field) {
        List<String> texts = new java.util.ArrayList<>();
        rows.forEach(row -> texts.add(row.path(field).asText()));
        return texts;
    }

    /** Every shown number by its data-metric, as the JSON value in its data-value. */
    private Map<String, JsonNode> shownFigures() throws IOException {
        Map<String, JsonNode> shown = new LinkedHashMap<>();
        Locator figures = page.locator("section.ovs-dashboard [data-metric]");
        for (int i = 0; i < figures.count(); i++) {
            Locator figure = figures.nth(i);
            assertThat(shown.put(figure.getAttribute("data-metric"), MAPPER.readTree(figure.getAttribute("data-value"))))
                    .as("shown once: %s", figure.getAttribute("data-metric")).isNull();
        }
        return shown;
    }

    private JsonNode metrics(String from, String to) {
        ApiClient.Response response = api.get("/api/v1/metrics?from=" + from + "&to=" + to, ApiClient.basic("admin"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The status of a same-origin fetch from the page, with the page's session cookie. */
    private int statusOf(String path, String method) {
        Object status = page.evaluate("([path, method]) => fetch(path, {method, credentials: 'same-origin', "
                + "headers: {'Content-Type': 'application/json'}, body: method === 'GET' ? undefined : '{\"mode\": \"PAUSED\"}'})"
                + ".then(r => r.status)", List.of(path, method));
        return ((Number) status).intValue();
    }

    private void logIn(String user) {
        CamundaLogin.logIn(page, user);
    }
}
