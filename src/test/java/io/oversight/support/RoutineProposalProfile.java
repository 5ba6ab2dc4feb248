package io.oversight.support;

import io.oversight.OversightApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A JFR profile of routine proposals (the routine-reply example, auto-approved in the request) on an in-memory
 * H2 database: starts Oversight on 127.0.0.1:18400, submits from 4 clients over HTTP for a warm-up, then records
 * the measured seconds with JFR ("profile" settings) into target/profile/routine-&lt;label&gt;.jfr and prints the
 * rate, latency and the answers that were not 201 APPROVED. A profiling run, not a test, and not the harness (bench/run.sh compares with the bare engine
 * on PostgreSQL):
 * {@code ./mvnw -q -o test-compile exec:java@routine-profile -Dexec.args="<label> [warm-up s] [measured s]"},
 * then {@code python3 bench/jfr-top.py target/profile/routine-<label>.jfr 25}.
 */
public final class RoutineProposalProfile {

    private static final Logger LOG = LoggerFactory.getLogger(RoutineProposalProfile.class);
    private static final int CLIENTS = 4;

    private RoutineProposalProfile() {
    }

    public static void main(String[] args) throws Exception {
        String label = args.length > 0 ? args[0] : "current";
        Duration warmUp = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 30);
        Duration measured = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 30);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(OversightApplication.class).properties(
                "server.port=18400", "server.address=127.0.0.1",
                "spring.datasource.url=jdbc:h2:mem:routine-profile;DB_CLOSE_DELAY=-1",
                "oversight.demo.seed-proposals=false", "oversight.action-worker.enabled=false",
                "camunda.bpm.job-execution.enabled=false", "logging.level.root=WARN").run();
        try {
            run(warmUp);
            Path file = Path.of("target", "profile", "routine-" + label + ".jfr");
            Files.createDirectories(file.getParent());
            try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
                recording.start();
                List<Long> latencies = run(measured);
                recording.stop();
                recording.dump(file);
                report(label, measured, latencies, file);
            }
        } finally {
            app.close();
        }
        // a library leaves a non-daemon thread behind (see OversightApplication): end the run here
        System.exit(0);
    }

    private static final AtomicLong ERRORS = new AtomicLong();

    private static List<Long> run(Duration duration) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ERRORS.set(0);
        long end = System.nanoTime() + duration.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                ApiClient api = new ApiClient("http://127.0.0.1:18400");
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    ApiClient.Response response = api.submit(ApiClient.freshExample("routine-reply"));
                    latencies.add(System.nanoTime() - start);
                    if (response.status() != 201 || !response.body().contains("\"APPROVED\"")) {
                        ERRORS.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        return latencies;
    }

    private static void report(String label, Duration measured, List<Long> latencies, Path file) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int n = sorted.size();
        LOG.warn(String.format(Locale.ROOT, "routine proposals [%s], %d clients, H2, JFR on: %d in %d s = %.1f/s; "
                        + "p50 %.1f ms, p99 %.1f ms; %d not answered 201 APPROVED; recording %s", label, CLIENTS, n,
                measured.toSeconds(), n / (double) measured.toSeconds(), sorted.get(n / 2) / 1e6,
                sorted.get(n * 99 / 100) / 1e6, ERRORS.get(), file));
    }
}
