package dev.rendezvous.session.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
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
    private final Pool pool;

    public JobLeases(Pool pool) {
        this.pool = pool;
    }

    /** True if this replica now holds the job's lease for the given time (one auto-committed statement). */
    public Uni<Boolean> tryTake(String job, Duration length) {
        return pool.preparedQuery("UPDATE job_leases SET holder = $1, until = now() + make_interval(secs => $2) "
                        + "WHERE name = $3 AND (until < now() OR holder = $1)")
                .execute(Tuple.of(holder, (double) length.toSeconds(), job))
                .map(rows -> rows.rowCount() == 1);
    }
}
