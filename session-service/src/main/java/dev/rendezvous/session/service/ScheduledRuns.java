package dev.rendezvous.session.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * How a periodic job's failed run ends (the database away, most often): one warning, and the next
 * run does what this one could not, instead of the scheduler's ERROR with a stack trace every period.
 */
public final class ScheduledRuns {

    private ScheduledRuns() {
    }

    /** The run, with a failure logged as a warning naming {@code job} and left to the next run. */
    public static Uni<Void> retriedNextRun(String job, Uni<Void> run) {
        return run.onFailure().recoverWithUni(e -> {
            Log.warnf("%s failed, the next run retries: %s", job, e.getMessage());
            return Uni.createFrom().voidItem();
        });
    }
}
