package io.oversight.cluster;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.postgresql.Driver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh, empty database for one test class on the machine's PostgreSQL server, found from
 * {@code OVERSIGHT_TEST_POSTGRES_URL} (host and port; its database is only used to create and drop
 * ours), {@code OVERSIGHT_TEST_POSTGRES_USER} and {@code OVERSIGHT_TEST_POSTGRES_PASSWORD}. Dropped
 * at the end; the server itself is never stopped or reconfigured.
 */
final class TestDatabase implements AutoCloseable {

    static final String URL_VARIABLE = "OVERSIGHT_TEST_POSTGRES_URL";
    static final String HOW_TO_RUN = "Set OVERSIGHT_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/<any database> "
            + "(and OVERSIGHT_TEST_POSTGRES_USER, default postgres) to run the cluster tests against the packaged jar "
            + "(./mvnw verify); .ci/run does this";

    private final String adminUrl;
    private final String name;
    private final String url;
    private final String user;
    private final String password;

    private TestDatabase(String adminUrl, String name, String url, String user, String password) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static TestDatabase createFresh(String purpose) {
        String base = System.getenv(URL_VARIABLE);
        if (base == null || base.isBlank()) {
            throw new IllegalStateException(HOW_TO_RUN);
        }
        Properties parsed = Driver.parseURL(base, null);
        if (parsed == null) {
            throw new IllegalStateException(URL_VARIABLE + " is not a PostgreSQL JDBC URL: " + base);
        }
        String host = parsed.getProperty("PGHOST", "127.0.0.1");
        String port = parsed.getProperty("PGPORT", "5432");
        String user = envOr("OVERSIGHT_TEST_POSTGRES_USER", "postgres");
        String password = envOr("OVERSIGHT_TEST_POSTGRES_PASSWORD", "");
        String name = ("ovs_it_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        TestDatabase database = new TestDatabase(base, name, "jdbc:postgresql://" + host + ":" + port + "/" + name,
                user, password);
        database.admin("create database " + name);
        return database;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    JdbcClient jdbc() {
        return JdbcClient.create(new DriverManagerDataSource(url, user, password));
    }

    /** Drops the database, closing what is still connected to it. */
    @Override
    public void close() {
        admin("drop database if exists " + name + " with (force)");
    }

    private void admin(String sql) {
        try (var connection = DriverManager.getConnection(adminUrl, user, password);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
