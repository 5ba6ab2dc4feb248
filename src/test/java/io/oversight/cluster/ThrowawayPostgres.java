package io.oversight.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A PostgreSQL server of the test's own: {@code initdb} into a temporary directory and
 * {@code pg_ctl} on a free loopback port with its socket in that directory, so a test may stop
 * and start it at will. The machine's shared server is never touched. When the tests run as root,
 * the server runs as the {@code postgres} user (PostgreSQL refuses to run as root).
 */
final class ThrowawayPostgres implements AutoCloseable {

    static final String USER = "postgres";
    private static final String RUN_AS = "postgres";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final String name;

    private ThrowawayPostgres(Path bin, Path dir, int port, String name) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.name = name;
    }

    /** Whether initdb and pg_ctl exist on this machine. */
    static boolean available() {
        return findBin() != null;
    }

    /** A new server, initialised and started. */
    static ThrowawayPostgres start(String name) {
        Path bin = findBin();
        if (bin == null) {
            throw new IllegalStateException("initdb/pg_ctl not found under /usr/lib/postgresql/*/bin "
                    + "(apt-get install postgresql) or in PG_BIN");
        }
        try {
            Path dir = Files.createTempDirectory("oversight-pg-");
            if (asRoot()) {
                UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(RUN_AS);
                Files.setOwner(dir, owner);
            }
            ThrowawayPostgres server = new ThrowawayPostgres(bin, dir, AppNode.freePort(), name);
            server.run(List.of("initdb", "-D", server.data.toString(), "-U", USER, "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--no-sync"), 90);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (or restarts) the server and waits until it accepts connections. */
    void start() {
        run(List.of("pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                // no fsync: only the server process crashes here, never the machine, so what was
                // written survives; commits stay synchronous, or a crash would lose acknowledged ones
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                        + " -c fsync=off -c full_page_writes=off",
                "start"), 90);
    }

    /** Stops the server at once, like a crash: connections drop, nothing is flushed gracefully. */
    void stopImmediately() {
        run(List.of("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "60", "stop"), 90);
    }

    int port() {
        return port;
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    void createDatabase(String database) {
        try (var connection = DriverManager.getConnection(url("postgres"), USER, "");
                var statement = connection.createStatement()) {
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    JdbcClient jdbc(String database) {
        var dataSource = new DriverManagerDataSource(url(database), USER, "");
        return JdbcClient.create(dataSource);
    }

    /** Stops the server (if running), keeps its log next to the nodes' logs and removes its directory. */
    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(List.of("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30", "stop"), 60);
            }
        } finally {
            keepLog();
            delete(dir);
        }
    }

    private void keepLog() {
        try {
            Path log = dir.resolve("server.log");
            if (Files.exists(log)) {
                Path target = AppNode.jar().getParent().resolve("cluster").resolve(name + "-postgres.log");
                Files.createDirectories(target.getParent());
                Files.copy(log, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException ignored) {
            // diagnosis only
        }
    }

    private void run(List<String> command, int timeoutSeconds) {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", RUN_AS, "--"));
        }
        full.add(bin.resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        try {
            Path output = Files.createTempFile("oversight-pg-cmd-", ".log");
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", full) + " did not finish in " + timeoutSeconds + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", full) + " failed (" + process.exitValue() + "):\n"
                            + Files.readString(output, StandardCharsets.UTF_8) + serverLog());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String serverLog() {
        try {
            Path log = dir.resolve("server.log");
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path findBin() {
        String configured = System.getenv("PG_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured, "pg_ctl"))) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(ThrowawayPostgres::version)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int version(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary directory; best effort
        }
    }
}
