package io.oversight.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Oversight application process started from the packaged jar, the way it runs in production:
 * {@code java -Xmx256m -jar oversight.jar} on a loopback port, with its output in
 * {@code target/cluster/<name>.log}. Every process started here is stopped by its PID at the end of
 * the test class, and by a shutdown hook if the test JVM ends first; nothing else is ever touched.
 */
final class AppNode implements AutoCloseable {

    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly),
                "oversight-it-cleanup"));
    }

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private AppNode(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** What a node is started with: its database and extra command-line arguments. */
    record Config(String dbUrl, String dbUser, String dbPassword, List<String> args) {
        Config with(String... more) {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of(more));
            return new Config(dbUrl, dbUser, dbPassword, List.copyOf(all));
        }
    }

    /** The demo identities and key on PostgreSQL, without seeded proposals or the reference worker. */
    static Config demoOnPostgres(String dbUrl, String dbUser, String dbPassword) {
        return new Config(dbUrl, dbUser, dbPassword, List.of("--spring.profiles.active=demo,postgres",
                "--oversight.demo.seed-proposals=false", "--oversight.action-worker.enabled=false"));
    }

    /** Starts the process; it is not ready yet (see {@link #awaitReady}). */
    static AppNode start(String name, Config config) {
        int port = freePort();
        Path jar = jar();
        Path log = jar.getParent().resolve("cluster").resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                // short-lived processes on two cores: the C1 compiler alone starts them about twice as
                // fast; it changes how fast code runs, never what it does
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                // names this node in Camunda's job log (ACT_HI_JOB_LOG.HOSTNAME_), to tell who ran what
                "--camunda.bpm.generic-properties.properties.hostname=" + name));
        command.addAll(config.args());
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.directory(log.getParent().toFile());
            builder.environment().putAll(Map.of("OVERSIGHT_DB_URL", config.dbUrl(), "OVERSIGHT_DB_USER", config.dbUser(),
                    "OVERSIGHT_DB_PASSWORD", config.dbPassword()));
            Process process = builder.start();
            STARTED.add(process);
            return new AppNode(name, port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** Waits until {@code /actuator/health/readiness} answers UP; fails early if the process ends. */
    AppNode awaitReady(Duration timeout) {
        NodeApi api = api();
        await("readiness of " + name).atMost(timeout).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail(60));
                    }
                    return api.readiness().status() == 200;
                });
        return this;
    }

    NodeApi api() {
        return new NodeApi(baseUrl());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * {@code kill -9}: {@link Process#destroyForcibly} sends SIGKILL on Linux; the node gets no
     * chance to shut down. Returns when the PID is gone.
     */
    void kill() {
        long pid = process.pid();
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(20));
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new AssertionError("PID " + pid + " of " + name + " is still alive after SIGKILL");
        }
    }

    /** Graceful stop (SIGTERM), then SIGKILL if it takes too long. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitForExit(Duration.ofSeconds(30))) {
                process.destroyForcibly();
                waitForExit(Duration.ofSeconds(10));
            }
        }
        STARTED.remove(process);
    }

    /** The last lines of the node's log, for failure messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    Path log() {
        return log;
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + ", " + baseUrl() + ")";
    }

    static Path jar() {
        String jar = System.getProperty("oversight.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("System property oversight.jar must name the packaged application "
                    + "(failsafe sets it; run ./mvnw verify), was: " + jar);
        }
        return Path.of(jar).toAbsolutePath();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
