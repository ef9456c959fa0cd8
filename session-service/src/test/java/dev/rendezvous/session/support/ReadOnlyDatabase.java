package dev.rendezvous.session.support;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The test database as clients see it during a failover: it answers, but every write fails with SQLSTATE
 * 25006. New sessions start read-only and the service's open connections are cut, so its pool reconnects
 * into the read-only database; {@link #close()} makes it writable again the same way.
 */
public final class ReadOnlyDatabase implements AutoCloseable {

    private ReadOnlyDatabase() {
    }

    public static ReadOnlyDatabase begin() {
        run("ALTER DATABASE " + name() + " SET default_transaction_read_only = on");
        return new ReadOnlyDatabase();
    }

    @Override
    public void close() {
        run("ALTER DATABASE " + name() + " RESET default_transaction_read_only");
    }

    private static void run(String alter) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        String password = ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class);
        try (Connection conn = DriverManager.getConnection(url, user, password); Statement st = conn.createStatement()) {
            // This connection may itself have started read-only: ALTER DATABASE needs a read-write one.
            st.execute("SET default_transaction_read_only = off");
            st.execute(alter);
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND usename = current_user AND pid <> pg_backend_pid()");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the test database: " + e.getMessage(), e);
        }
    }

    private static String name() {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String path = url.substring(url.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
