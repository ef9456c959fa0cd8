package dev.rendezvous.bench;


/**
 * What a replica that has just started serves (issue: "fast from the first minute"): session-service is
 * SIGKILLed and started again from its jar, as a pod is on a deploy or when KEDA adds one; from the moment
 * its readiness turns UP, sessions arrive open-loop at a fixed rate (create, stream, the customer's join,
 * then the mechanic's join -> READY on the stream) and each 10 s window after ready is reported as
 * p50/p99/max with errors. Baseline, same run and rate: the same load on the warm replica before the
 * restart (after its own warm-up), so each window reads as a ratio to warm.
 */
public final class ColdStartBench {

    public static void main(String[] args) throws Exception {
        int rate = Lab.envInt("BENCH_RATE", 100);
        int windows = Lab.envInt("BENCH_WINDOWS", 6);
        // The whole stack was started just before: every JVM on 2 cores compiles for minutes (that is the point).
        int warmup = Lab.envInt("BENCH_WARMUP_SECONDS", 180);
        String backend = Lab.backendJwt();
        System.out.printf("cold start: readiness @%d sessions/s per 10 s window after session-service reports ready%n", rate);

        ReadinessLoadBench.load(rate, warmup, backend); // warms the running replica, not counted
        ReadinessLoadBench.Series warm = ReadinessLoadBench.load(rate, 10, backend);
        warm.print("warm replica (baseline)");

        Fault.restartOf("session", "session-service").restartAndAwaitReady(Lab.SESSION, "session-service");

        for (int window = 1; window <= windows; window++) {
            ReadinessLoadBench.Series cold = ReadinessLoadBench.load(rate, 10, backend);
            cold.print(String.format("after ready %3d-%3d s", (window - 1) * 10, window * 10));
            System.out.printf("  ratio to warm: p50 %.1fx, p99 %.1fx%n", cold.percentile(50) / warm.percentile(50),
                    cold.percentile(99) / warm.percentile(99));
        }
    }
}
