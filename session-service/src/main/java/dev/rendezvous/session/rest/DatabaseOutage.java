package dev.rendezvous.session.rest;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.ConnectException;
import java.net.SocketException;

/**
 * Whether a failure means PostgreSQL cannot be reached or is shutting down, rather than a fault of
 * the request: then the answer is 503 with Retry-After, as for any dependency that is briefly gone.
 */
final class DatabaseOutage {

    private DatabaseOutage() {
    }

    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Refused, reset or closed under a request: the only socket a request path holds is the database's
            // (LiveKit's answers are handled where they are asked for).
            if (t instanceof ConnectException || t instanceof SocketException || t instanceof ClosedConnectionException) {
                return true;
            }
            // SQLSTATE class 08 (connection exception), 53 (insufficient resources, e.g. too many
            // connections) and 57P0x (admin shutdown, crash shutdown, cannot connect now).
            if (t instanceof PgException pg && pg.getSqlState() != null && (pg.getSqlState().startsWith("08")
                    || pg.getSqlState().startsWith("53") || pg.getSqlState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
