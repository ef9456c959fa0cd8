package dev.rendezvous.session.repository;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * What a failure from PostgreSQL means for whoever asked: the database is briefly away or refuses all
 * writes (wait and ask again), or it refuses this data (asking again changes nothing). Anything that is
 * neither is decided by asking the database whether it takes writes ({@link DatabaseProbe}): an outage
 * must never be taken for a bad record.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * PostgreSQL cannot be reached (refused, reset, DNS, TLS, a connect or pool timeout), is shutting
     * down or failing over (read-only), is out of connections, or a concurrent transaction won a race:
     * the same request succeeds later.
     */
    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Refused, reset or closed under a request, a name that does not resolve, a handshake that
            // fails, a connection the pool could not hand out in time: the only sockets a request path
            // holds are the database's (LiveKit's answers are handled where they are asked for).
            if (t instanceof ConnectException || t instanceof SocketException || t instanceof ClosedConnectionException
                    || t instanceof UnknownHostException || t instanceof SSLException || t instanceof TimeoutException
                    || t.getClass().getSimpleName().endsWith("TimeoutException")) {
                return true;
            }
            String state = sqlState(t);
            if (state != null && outage(state)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATEs that say nothing about the data: class 08 (connection exception), 25006 (read-only
     * transaction: a standby, or a primary during failover), 53 (insufficient resources, e.g. too many
     * connections), 57 (operator intervention: admin or crash shutdown, cannot connect now, a cancelled
     * statement), 58 (system error, e.g. I/O), 40001 and 40P01 (serialization failure, deadlock: the
     * transaction lost a race), 55P03 (a lock not available in time).
     */
    static boolean outage(String state) {
        return state.startsWith("08") || state.equals("25006") || state.startsWith("53") || state.startsWith("57")
                || state.startsWith("58") || state.equals("40001") || state.equals("40P01") || state.equals("55P03");
    }

    /** PostgreSQL refuses the data itself: SQLSTATE class 22, or an integrity rule other than a duplicate key. */
    public static boolean refusedData(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = sqlState(t);
            if (state != null) {
                return state.startsWith("22") || (state.startsWith("23") && !state.equals("23505"));
            }
        }
        return false;
    }

    private static String sqlState(Throwable t) {
        return t instanceof PgException pg ? pg.getSqlState()
                : t instanceof SQLException sql ? sql.getSQLState() : null;
    }
}
