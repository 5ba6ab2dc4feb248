package io.oversight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays what Camunda Tasklist 7.24 sends when a reviewer opens a queue and its first task, as
 * recorded from the real Tasklist in Chromium (docs/benchmarks.md, "What the reviewer waits for"),
 * with the webapp session of a logged-in group member ({@code /camunda/api/engine}, cookie and
 * XSRF token), and prints p50/p95 per step and for the whole page as one JSON object.
 *
 * <ol>
 * <li><b>filters</b>: {@code GET user/{id}/profile}, {@code GET filter/count?itemCount=false&resourceType=Task},
 * {@code OPTIONS filter}, {@code GET filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task}
 * (Tasklist 7.24 asks for no per-filter counts; the open queue's count comes with its list);</li>
 * <li><b>list</b>: {@code POST filter/{id}/list?firstResult=0&maxResults=15} as {@code application/hal+json},
 * Tasklist's body (default sorting: created, descending; active tasks), which answers with the count,
 * the 15 tasks and the filter's list variables;</li>
 * <li><b>task</b>: the list's first task: {@code GET task/{id}}, {@code GET task/{id}/form},
 * {@code GET task/{id}/deployed-form}, {@code GET task/{id}/form-variables?deserializeValues=false}.</li>
 * </ol>
 * The browser sends some of these concurrently; here they run one after the other, so the page
 * time is their sum (an upper bound of what the reviewer waits for on the server).
 *
 * <p>Usage: {@code TasklistReplay <baseUrl> <user> <password> <filterName> <samples> <maxSeconds> <out.json>}
 */
public final class TasklistReplay {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ACCEPT = "application/hal+json, application/json; q=0.5";
    private static final String LIST_BODY = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
            + "\"firstResult\":0,\"maxResults\":15,\"sorting\":[{\"sortOrder\":\"desc\",\"sortBy\":\"created\"}],\"active\":true}";
    static final List<String> STEPS = List.of("filters", "list", "task", "page");

    private final HttpClient http;
    private final CookieManager cookies = new CookieManager();
    private final String base;
    private final String engine;
    private int errors;
    private final List<String> errorSamples = new ArrayList<>();

    private TasklistReplay(String base) {
        this.base = base;
        this.engine = base + "/camunda/api/engine/engine/default/";
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: TasklistReplay <baseUrl> <user> <password> <filterName> <samples> <maxSeconds> <out.json>");
            System.exit(2);
        }
        TasklistReplay replay = new TasklistReplay(args[0]);
        replay.logIn(args[1], args[2]);
        JsonNode result = replay.measure(args[1], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        Files.writeString(Path.of(args[6]), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println(MAPPER.writeValueAsString(result));
    }

    private void logIn(String user, String password) throws IOException, InterruptedException {
        sendQuietly("GET", base + "/camunda/api/engine/engine/", null, "application/json");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = http.send(withXsrf(HttpRequest.newBuilder(URI.create(base
                + "/camunda/api/admin/auth/user/default/login/tasklist")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("Tasklist login of " + user + " failed: " + login.statusCode() + " " + login.body());
        }
    }

    private JsonNode measure(String user, String filterName, int samples, int maxSeconds) throws Exception {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        STEPS.forEach(step -> times.put(step, new ArrayList<>()));
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        String filterId = null;
        for (int i = 0; i < samples && (i == 0 || System.nanoTime() < deadline); i++) {
            try {
                filterId = openQueue(user, filterName, times);
            } catch (java.net.http.HttpTimeoutException e) {
                errors++; // a request that took over a minute: an error of this opening, not of the harness
                errorSamples.add("timeout: " + e.getMessage());
            }
        }
        return result(user, filterName, filterId, times);
    }

    /** The queue's size as the last list answered it. */
    private long count = -1;

    /** One opening of the queue page; adds the time of each step. */
    private String openQueue(String user, String filterName, Map<String, List<Double>> times)
            throws IOException, InterruptedException {
        String filterId;
        {
            long t0 = System.nanoTime();
            send("GET", engine + "user/" + user + "/profile", null, ACCEPT);
            send("GET", engine + "filter/count?itemCount=false&resourceType=Task", null, ACCEPT);
            send("OPTIONS", engine + "filter", null, "application/json");
            JsonNode filters = json(send("GET", engine + "filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task", null, ACCEPT));
            long t1 = System.nanoTime();
            filterId = null;
            for (JsonNode filter : filters) {
                if (filterName.equals(filter.path("name").asText())) {
                    filterId = filter.path("id").asText();
                }
            }
            if (filterId == null) {
                throw new IllegalStateException(user + " sees no filter named " + filterName);
            }
            JsonNode list = json(send("POST", engine + "filter/" + filterId + "/list?firstResult=0&maxResults=15", LIST_BODY, ACCEPT));
            long t2 = System.nanoTime();
            count = list.path("count").asLong(-1);
            JsonNode first = list.path("_embedded").path("task").path(0);
            if (!first.isMissingNode()) {
                String task = engine + "task/" + first.path("id").asText();
                send("GET", task, null, ACCEPT);
                send("GET", task + "/form", null, ACCEPT);
                send("GET", task + "/deployed-form?noCache=" + System.currentTimeMillis(), null, "*/*");
                send("GET", task + "/form-variables?deserializeValues=false", null, ACCEPT);
            }
            long t3 = System.nanoTime();
            times.get("filters").add((t1 - t0) / 1e6);
            times.get("list").add((t2 - t1) / 1e6);
            times.get("task").add((t3 - t2) / 1e6);
            times.get("page").add((t3 - t0) / 1e6);
        }
        return filterId;
    }

    private JsonNode result(String user, String filterName, String filterId, Map<String, List<Double>> times) {
        ObjectNode result = MAPPER.createObjectNode();
        result.put("user", user);
        result.put("filter", filterName);
        result.put("filterId", filterId);
        result.put("listCount", count);
        result.put("samples", times.get("page").size());
        result.put("errors", errors);
        result.set("errorSamples", MAPPER.valueToTree(errorSamples));
        for (String step : STEPS) {
            List<Double> values = new ArrayList<>(times.get(step));
            values.sort(Double::compare);
            ObjectNode figures = result.putObject(step);
            figures.put("p50_ms", round(percentile(values, 0.50)));
            figures.put("p95_ms", round(percentile(values, 0.95)));
            figures.put("max_ms", round(values.isEmpty() ? 0 : values.get(values.size() - 1)));
        }
        return result;
    }

    private HttpResponse<String> send(String method, String url, String body, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = withXsrf(HttpRequest.newBuilder(URI.create(url))).timeout(Duration.ofSeconds(60))
                .header("Accept", accept);
        if (body != null) {
            request.header("Content-Type", "application/json;charset=UTF-8");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            errors++;
            if (errorSamples.size() < 5) {
                errorSamples.add(method + " " + url + " -> " + response.statusCode() + " "
                        + response.body().substring(0, Math.min(300, response.body().length())));
            }
        }
        return response;
    }

    /** The webapp's first request (it sets the XSRF cookie); its answer does not matter, it may be slow on a cold node. */
    private void sendQuietly(String method, String url, String body, String accept) throws IOException, InterruptedException {
        int before = errors;
        try {
            send(method, url, body, accept);
        } catch (java.net.http.HttpTimeoutException e) {
            send(method, url, body, accept);
        }
        errors = before;
    }

    private HttpRequest.Builder withXsrf(HttpRequest.Builder request) {
        for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
            if (cookie.getName().equals("XSRF-TOKEN")) {
                request.header("X-XSRF-TOKEN", cookie.getValue());
            }
        }
        return request;
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return response.statusCode() / 100 == 2 ? MAPPER.readTree(response.body()) : MAPPER.createObjectNode();
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
