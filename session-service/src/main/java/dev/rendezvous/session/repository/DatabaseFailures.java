package dev.rendezvous.session.repository;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.hibernate.JDBCException;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;

/**
 * What a failure from PostgreSQL means for whoever asked: the database is briefly away (wait and ask
 * again), or it refuses this data (asking again changes nothing).
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * PostgreSQL cannot be reached, is shutting down, is out of connections, or a concurrent transaction
     * won a race: the same request succeeds later.
     */
    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Refused, reset or closed under a request: the only socket a request path holds is the database's
            // (LiveKit's answers are handled where they are asked for).
            if (t instanceof ConnectException || t instanceof SocketException || t instanceof ClosedConnectionException) {
                return true;
            }
            String state = sqlState(t);
            // SQLSTATE class 08 (connection exception), 53 (insufficient resources, e.g. too many
            // connections), 57P0x (admin shutdown, crash shutdown, cannot connect now), 40001 and 40P01
            // (serialization failure, deadlock: the transaction lost a race).
            if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P0")
                    || state.equals("40001") || state.equals("40P01"))) {
                return true;
            }
        }
        return false;
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
                : t instanceof JDBCException jdbc ? jdbc.getSQLState()
                : t instanceof SQLException sql ? sql.getSQLState() : null;
    }
}
