package dev.rendezvous.session.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The test database the packaged app is given, named by the same environment variables the app reads
 * (application.properties), so these tests and the app always look at the same one.
 */
final class Database {

    static final String HOST = env("DB_HOST", "127.0.0.1");
    static final String PORT = env("DB_PORT", "5432");
    static final String NAME = env("DB_TEST_NAME", "rendezvous_test");
    static final String USER = env("DB_USER", "rendezvous");
    static final String PASSWORD = env("DB_PASSWORD", "rendezvous");

    private Database() {
    }

    /** The single number a query answers, e.g. a {@code count(*)}; 0 when it answers no row. */
    static long number(String query) {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + NAME, USER, PASSWORD);
             ResultSet rs = db.createStatement().executeQuery(query)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }
}
