package dev.rendezvous.session.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/**
 * Leases that let one replica at a time run a periodic job: whoever takes the lease runs the job
 * until it expires; a replica that dies simply lets it run out.
 */
@ApplicationScoped
public class JobLeases {

    /** This replica, as a lease holder. */
    private final String holder = UUID.randomUUID().toString();

    /** True if this replica now holds the job's lease for the given time; runs in the caller's transaction. */
    public Uni<Boolean> tryTake(String job, Duration length) {
        return Panache.getSession().chain(s -> s
                .createNativeQuery("UPDATE job_leases SET holder = ?1, until = now() + make_interval(secs => ?2) "
                        + "WHERE name = ?3 AND (until < now() OR holder = ?1)")
                .setParameter(1, holder)
                .setParameter(2, (double) length.toSeconds())
                .setParameter(3, job)
                .executeUpdate()
                .map(updated -> updated == 1));
    }
}
