package dev.rendezvous.session.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The participant sids of one session, as reconciliation compares them with LiveKit's list. */
@ApplicationScoped
public class ParticipantRepository {

    private final Pool pool;

    public ParticipantRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<SessionParticipant>> listBySession(UUID sessionId) {
        return pool.preparedQuery("SELECT " + FoldStatements.PARTICIPANT_COLUMNS + " FROM session_participants WHERE session_id = $1")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    List<SessionParticipant> participants = new ArrayList<>();
                    rows.forEach(row -> participants.add(FoldStatements.toParticipant(row)));
                    return participants;
                });
    }
}
