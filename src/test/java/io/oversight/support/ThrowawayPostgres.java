package io.oversight.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of a test's own on the PostgreSQL server named by {@code OVERSIGHT_TEST_POSTGRES_URL} (with
 * {@code OVERSIGHT_TEST_POSTGRES_USER} / {@code _PASSWORD}), for tests that need exact counts or a fresh schema
 * next to the shared database: created before, dropped (connections cut) after.
 */
public final class ThrowawayPostgres {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

    private ThrowawayPostgres() {
    }

    /** A database name unique to this JVM and moment, starting with the prefix. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    }

    public static void create(String database) throws SQLException {
        admin("create database " + database);
    }

    public static void drop(String database) throws SQLException {
        admin("drop database if exists " + database + " with (force)");
    }

    /** The configured URL with another database on the same server. */
    public static String url(String database) {
        Matcher url = URL.matcher(System.getenv("OVERSIGHT_TEST_POSTGRES_URL"));
        if (!url.matches()) {
            throw new IllegalStateException("OVERSIGHT_TEST_POSTGRES_URL is not jdbc:postgresql://host[:port]/database");
        }
        return url.group(1) + database + url.group(3);
    }

    public static String user() {
        return System.getenv().getOrDefault("OVERSIGHT_TEST_POSTGRES_USER", "postgres");
    }

    public static String password() {
        return System.getenv().getOrDefault("OVERSIGHT_TEST_POSTGRES_PASSWORD", "");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
