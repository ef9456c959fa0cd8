package dev.rendezvous.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The statements PostgreSQL ran for one database, from {@code pg_stat_statements} (deploy/local/postgres.sh
 * loads it and installs it in the {@code postgres} database, where it counts every database's). BEGIN and
 * COMMIT count too: each is a statement the server runs, though they travel with others in a pipeline.
 */
final class StatementCount {

    /** Calls so far per statement (by query id), with the statement's text. */
    record Reading(Map<Long, Long> calls, Map<Long, String> text) {
    }

    private StatementCount() {
    }

    /** Null when pg_stat_statements is not there (another PostgreSQL than deploy/local's). */
    static Reading read(String database) {
        String url = "jdbc:postgresql://" + Lab.env("DB_HOST", "127.0.0.1") + ":" + Lab.env("DB_PORT", "5432") + "/postgres";
        try (Connection db = DriverManager.getConnection(url, Lab.env("DB_USER", "rendezvous"), Lab.env("DB_PASSWORD", "rendezvous"));
             Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT s.queryid, s.calls, s.query FROM pg_stat_statements s "
                     + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '" + database.replace("'", "''") + "'")) {
            Map<Long, Long> calls = new HashMap<>();
            Map<Long, String> text = new HashMap<>();
            while (rows.next()) {
                calls.merge(rows.getLong(1), rows.getLong(2), Long::sum);
                text.put(rows.getLong(1), rows.getString(3));
            }
            return new Reading(calls, text);
        } catch (Exception e) {
            return null;
        }
    }

    /** Statements per session between two readings, in all and the most frequent ones. */
    static void print(Reading before, Reading after, int sessions, int top) {
        if (before == null || after == null) {
            System.out.println("  statements per session: not counted (pg_stat_statements is not loaded; deploy/local/postgres.sh loads it)");
            return;
        }
        Map<Long, Long> delta = new HashMap<>();
        after.calls().forEach((id, n) -> {
            long d = n - before.calls().getOrDefault(id, 0L);
            if (d > 0) {
                delta.put(id, d);
            }
        });
        long all = delta.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("  statements per session: %.1f (%,d over %,d sessions); the most frequent:%n", (double) all / Math.max(1, sessions),
                all, sessions);
        delta.entrySet().stream().sorted(Map.Entry.<Long, Long>comparingByValue(Comparator.reverseOrder())).limit(top)
                .forEach(e -> System.out.printf("    %6.2f  %s%n", (double) e.getValue() / Math.max(1, sessions),
                        oneLine(after.text().getOrDefault(e.getKey(), "?"))));
    }

    private static String oneLine(String query) {
        String flat = query.replaceAll("\\s+", " ").trim();
        return flat.length() > 110 ? flat.substring(0, 110) + "…" : flat;
    }
}
