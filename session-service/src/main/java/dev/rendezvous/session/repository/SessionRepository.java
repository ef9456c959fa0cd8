package dev.rendezvous.session.repository;

import dev.rendezvous.session.Session;
import dev.rendezvous.session.SessionStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@WithSession
@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {

    /** The session row locked for this transaction, so concurrent folds of one session queue up. */
    public Uni<Session> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Open sessions in id order, after {@code after} (null: from the first), at most {@code limit}. */
    public Uni<List<Session>> listOpenAfter(UUID after, int limit) {
        return after == null
                ? find("status <> ?1 order by id", SessionStatus.ENDED).page(0, limit).list()
                : find("status <> ?1 and id > ?2 order by id", SessionStatus.ENDED, after).page(0, limit).list();
    }

    /** Open sessions created before the cutoff in which no participant was ever seen. */
    public Uni<List<UUID>> listNeverJoinedBefore(Instant cutoff, int limit) {
        return find("select s.id from Session s where s.status = ?1 and s.createdAt < ?2 and not exists "
                + "(select 1 from SessionParticipant p where p.sessionId = s.id and (p.joinedAt is not null or p.leftAt is not null))",
                SessionStatus.WAITING, cutoff)
                .project(UUID.class).page(0, limit).list();
    }
}
