package dev.rendezvous.session.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The tokens minted for a session, one row per role at most, for diagnosis. */
@ApplicationScoped
public class TokenRepository {

    private final Pool pool;

    public TokenRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<SessionToken>> listBySession(UUID sessionId) {
        return pool.preparedQuery("SELECT session_id, role, user_id, identity, room, first_issued_at, issued_at, expires_at, "
                        + "event_id, minted FROM session_tokens WHERE session_id = $1")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    List<SessionToken> tokens = new ArrayList<>();
                    rows.forEach(row -> tokens.add(new SessionToken(row.getUUID("session_id"), row.getString("role"),
                            row.getString("user_id"), row.getString("identity"), row.getString("room"),
                            SessionRows.instant(row, "first_issued_at"), SessionRows.instant(row, "issued_at"),
                            SessionRows.instant(row, "expires_at"), row.getString("event_id"), row.getLong("minted"))));
                    return tokens;
                });
    }
}
