package dev.rendezvous.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Live fold throughput with 1, 2 and 3 session-service replicas in one consumer group (started by the
 * benchmark on SESSION_SERVICE_URL's port and the ports 100 and 200 above it), events arriving as fast
 * as presence-service accepts them. Measured from the first webhook sent to the last session's final
 * signal. With 3 replicas one is SIGKILLed halfway: every session must still reach its final state.
 * Expects no session-service running on that port (bench/run.sh stops it).
 */
public final class ReplicaThroughputBench {

    public static void main(String[] args) throws Exception {
        int sessions = Lab.envInt("BENCH_LIVE_SESSIONS", 1500);
        int basePort = Integer.parseInt(Lab.SESSION.replaceAll(".*:(\\d+).*", "$1"));
        String backend = Lab.backendJwt();
        System.out.printf("live throughput: %d sessions x 4 webhooks, 32 in flight, per replica count%n", sessions);
        double one = 0;
        for (int count = 1; count <= 3; count++) {
            List<Lab.Replica> replicas = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    replicas.add(Lab.Replica.start(basePort + 100 * i));
                }
                run(Math.min(200, sessions), backend, null); // warm-up: the group has settled and the JIT has run
                Lab.Replica victim = count == 3 ? replicas.get(2) : null;
                double rate = run(sessions, backend, victim);
                if (count == 1) {
                    one = rate;
                }
                System.out.printf("%d replica(s): %8.0f events/s  ratio to one replica %.2fx%n", count, rate, rate / one);
            } finally {
                for (Lab.Replica replica : replicas) {
                    replica.close();
                }
            }
        }
    }

    /** Runs one measured round; returns events folded per second. */
    private static double run(int sessions, String backend, Lab.Replica victim) throws Exception {
        List<String> ids = Lab.createSessions(sessions, 8, backend);
        List<List<String>> perSession = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            perSession.add(Lab.lifecycle(ids.get(i), i));
        }
        try (SignalWatch watch = new SignalWatch(new HashSet<>(ids), Lab.LIFECYCLE_FINAL_VERSION)) {
            long start = System.nanoTime();
            long[] killedAt = {0};
            Thread killer = null;
            if (victim != null) {
                killer = new Thread(() -> {
                    try {
                        Thread.sleep(Lab.envInt("BENCH_KILL_AFTER_MS", 2000));
                        victim.kill();
                        killedAt[0] = System.nanoTime();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                killer.start();
            }
            Lab.postAll(perSession, 32);
            long sent = System.nanoTime();
            boolean all = watch.await(Duration.ofMinutes(5));
            if (killer != null) {
                killer.join();
            }
            double seconds = (watch.lastReachedNanos() - start) / 1e9;
            System.out.printf("  %d events: webhooks accepted at %.0f/s; all final after %.2f s; out of order %d, repeated %d%n",
                    4L * sessions, 4L * sessions / ((sent - start) / 1e9), seconds, watch.outOfOrder(), watch.duplicates());
            if (victim != null) {
                System.out.printf("  SIGKILLed one replica at %.2f s: sessions not final %d; longest pause in final signals after it %.2f s%n",
                        (killedAt[0] - start) / 1e9, watch.missing(), longestPauseAfter(watch.reachedAt(), killedAt[0]));
            }
            if (!all) {
                throw new IllegalStateException(watch.missing() + " sessions never reached their final state");
            }
            return 4.0 * sessions / seconds;
        }
    }

    private static double longestPauseAfter(Map<String, Long> reachedAt, long from) {
        List<Long> times = reachedAt.values().stream().filter(t -> t >= from).sorted().toList();
        long previous = from;
        long longest = 0;
        for (long t : times) {
            longest = Math.max(longest, t - previous);
            previous = t;
        }
        return longest / 1e9;
    }
}
