package dev.rendezvous.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session costs, and what open sessions cost while nobody is there. Runs its own session-service
 * (the packaged jar) on an empty database, so "0 open sessions" is true, then, in one run:
 * <ol>
 *   <li>idle, 0 open sessions: each part's CPU (the baseline of everything below) and LiveKit calls per
 *       reconciliation interval;</li>
 *   <li>sessions at a fixed arrival rate (create, the customer's stream, two join webhooks, READY on the
 *       stream): readiness p50/p99/max and each part's CPU per session, after a warm-up;</li>
 *   <li>BENCH_OPEN_SESSIONS sessions created that nobody joins; then 1 and 2 again.</li>
 * </ol>
 * First of all, the system is loaded at the first rate until the JIT compilers of its JVMs have
 * settled (together under 10 % of a core over 30 s, at most BENCH_JIT_WARMUP_SECONDS): a fresh JVM's JIT
 * would otherwise be most of what is measured. Each window still reports what the JIT used.
 * CPU per session is a part's CPU during the measured window, less its idle CPU, over the sessions
 * that reached READY. Readiness has its same-run baseline beside it: two bare Kafka hops at the rate.
 */
public final class CostBench {

    private static final String DB = Lab.env("BENCH_DB_NAME", "rendezvous_bench");

    public static void main(String[] args) throws Exception {
        int idleSeconds = Lab.envInt("BENCH_IDLE_SECONDS", 60);
        int seconds = Lab.envInt("BENCH_SECONDS", 20);
        int warmup = Lab.envInt("BENCH_WARMUP_SECONDS", 20);
        int open = Lab.envInt("BENCH_OPEN_SESSIONS", 20_000);
        // A fresh JVM spends minutes compiling (C2 took ~40 % of session-service's CPU over its first three
        // minutes under load): what a session costs is measured once that has settled.
        int jitWarmup = Lab.envInt("BENCH_JIT_WARMUP_SECONDS", 600);
        int[] rates = java.util.Arrays.stream(Lab.env("BENCH_RATES", "100,200").split(",")).mapToInt(r -> Integer.parseInt(r.trim()))
                .toArray();
        String backend = Lab.backendJwt();
        emptyDatabase();
        System.out.printf("cost: session-service on an empty database (%s); idle %d s; at each rate %d s warm-up, %d s "
                + "measured; then %,d sessions nobody joins%n", DB, idleSeconds, warmup, seconds, open);
        try (Lab.Replica replica = Lab.Replica.start(8083, Map.of("DB_NAME", DB, "RECONCILE_GRACE", "PT5M"))) {
            CpuMeter meter = new CpuMeter(replica.process.pid());
            warmUp(meter, rates[0], jitWarmup, backend);
            Map<String, Phase> phases = new LinkedHashMap<>();
            for (int size : new int[] {0, open}) {
                if (size > 0) {
                    long start = System.nanoTime();
                    Lab.createSessions(size, 32, backend);
                    System.out.printf("created %,d sessions in %.1f s; %,d open%n", size, (System.nanoTime() - start) / 1e9,
                            openSessions());
                }
                Thread.sleep(Duration.ofSeconds(Lab.envInt("BENCH_SETTLE_SECONDS", 15)).toMillis());
                Idle idle = idle(meter, replica, idleSeconds);
                idle.print(size);
                phases.put("idle@" + size, new Phase(idle, null, 0, null));
                for (int rate : rates) {
                    ReadinessLoadBench.load(rate, warmup, backend, CostBench::endInTheDatabase); // warm-up, not counted
                    ReadinessLoadBench.Series baseline = ReadinessLoadBench.twoKafkaHops(rate, seconds);
                    StatementCount.Reading statementsBefore = StatementCount.read(DB);
                    CpuMeter.Reading before = meter.read();
                    List<String> made = new ArrayList<>();
                    ReadinessLoadBench.Series series = ReadinessLoadBench.load(rate, seconds, backend, made::addAll);
                    CpuMeter.Usage usage = CpuMeter.between(before, meter.read());
                    StatementCount.Reading statementsAfter = StatementCount.read(DB);
                    endInTheDatabase(made);
                    Phase phase = new Phase(idle, usage, series.nanos().length, series);
                    phase.print(rate, size, baseline);
                    StatementCount.print(statementsBefore, statementsAfter, phase.sessions(), 12);
                    phases.put(rate + "@" + size, phase);
                }
            }
            summary(phases, rates, open);
        }
    }

    /** Load at the rate, 30 s at a time, until the system's JIT compilers use under 10 % of a core. */
    private static void warmUp(CpuMeter meter, int rate, int atMostSeconds, String backend) throws Exception {
        long start = System.nanoTime();
        while (true) {
            CpuMeter.Reading before = meter.read();
            ReadinessLoadBench.load(rate, 30, backend, CostBench::endInTheDatabase);
            CpuMeter.Usage usage = CpuMeter.between(before, meter.read());
            long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            System.out.printf("warming up at %d sessions/s, %d s: JIT %.0f %% of a core (session-service %.0f %%), stack %.0f %%%n",
                    rate, elapsed, 100 * usage.stackJit(), 100 * usage.jit("session-service"), 100 * usage.stackCores());
            if (usage.stackJit() < 0.10 || elapsed >= atMostSeconds) {
                return;
            }
        }
    }

    /** Idle CPU of each part, and LiveKit calls per reconciliation interval. */
    record Idle(CpuMeter.Usage usage, double livekitCallsPerInterval, double intervalSeconds) {
        void print(int open) {
            System.out.printf("%nidle with %,d open sessions, %.0f s:%n", open, usage.seconds());
            usage.cores().forEach((part, cores) -> System.out.printf("  %-24s %6.1f %% of a core%n", part, 100 * cores));
            System.out.printf("  machine busy %.1f %%; LiveKit calls per %.0f s reconciliation interval: %.1f%n",
                    100 * usage.machineBusyShare(), intervalSeconds, livekitCallsPerInterval);
        }
    }

    record Phase(Idle idle, CpuMeter.Usage usage, int sessions, ReadinessLoadBench.Series series) {
        /** A part's CPU per session in ms: its CPU in the window less its idle CPU, over the sessions done. */
        double msPerSession(String part) {
            return 1000 * (usage.core(part) - idle.usage().core(part)) * usage.seconds() / Math.max(1, sessions);
        }

        double stackMsPerSession() {
            return usage.cores().keySet().stream().filter(p -> !p.startsWith("bench")).mapToDouble(this::msPerSession).sum();
        }

        void print(int rate, int open, ReadinessLoadBench.Series baseline) {
            System.out.printf("%n%d sessions/s with %,d open sessions: %d of %d reached READY%n", rate, open, sessions,
                    series.arrivals());
            baseline.print("  baseline: 2 Kafka hops @" + rate + "/s");
            series.print("  second join -> READY @" + rate + "/s");
            System.out.printf("  %-24s %8s %8s %10s %8s%n", "CPU", "idle", "loaded", "ms/session", "of it JIT");
            usage.cores().forEach((part, cores) -> System.out.printf("  %-24s %7.1f%% %7.1f%% %10.2f %7.1f%%%n", part,
                    100 * idle.usage().core(part), 100 * cores, msPerSession(part), 100 * usage.jit(part)));
            System.out.printf("  %-24s %17s %10.2f %7.1f%%   machine busy %.0f %%%n", "stack (all but the bench)", "",
                    stackMsPerSession(), 100 * usage.stackJit(), 100 * usage.machineBusyShare());
        }
    }

    private static void summary(Map<String, Phase> phases, int[] rates, int open) {
        System.out.printf("%nsummary (baseline: the same figure with 0 open sessions, same run)%n");
        Idle zero = phases.get("idle@0").idle();
        Idle many = phases.get("idle@" + open).idle();
        for (String part : List.of("session-service", "livekit")) {
            System.out.printf("  idle %-16s %5.1f %% of a core with 0 open, %5.1f %% with %,d%n", part,
                    100 * zero.usage().core(part), 100 * many.usage().core(part), open);
        }
        System.out.printf("  LiveKit calls per interval      %5.1f with 0 open, %5.1f with %,d%n", zero.livekitCallsPerInterval(),
                many.livekitCallsPerInterval(), open);
        for (int rate : rates) {
            Phase a = phases.get(rate + "@0");
            Phase b = phases.get(rate + "@" + open);
            System.out.printf("  @%d/s readiness p50/p99 %.1f/%.1f ms with 0 open, %.1f/%.1f ms with %,d (p99 ratio %.2fx)%n", rate,
                    a.series().percentile(50), a.series().percentile(99), b.series().percentile(50), b.series().percentile(99),
                    open, b.series().percentile(99) / a.series().percentile(99));
            System.out.printf("  @%d/s CPU per session: session-service %.2f / %.2f ms, stack %.2f / %.2f ms%n", rate,
                    a.msPerSession("session-service"), b.msPerSession("session-service"), a.stackMsPerSession(),
                    b.stackMsPerSession());
        }
    }

    private static Idle idle(CpuMeter meter, Lab.Replica replica, int seconds) throws Exception {
        double before = livekitCalls(replica);
        CpuMeter.Reading start = meter.read();
        Thread.sleep(seconds * 1000L);
        CpuMeter.Usage usage = CpuMeter.between(start, meter.read());
        double interval = Duration.parse(Lab.env("RECONCILE_INTERVAL_ISO", "PT30S")).toSeconds();
        return new Idle(usage, (livekitCalls(replica) - before) * interval / usage.seconds(), interval);
    }

    /** The replica's rendezvous_livekit_calls_total, every call summed. */
    private static double livekitCalls(Lab.Replica replica) throws Exception {
        String metrics = Lab.HTTP.send(HttpRequest.newBuilder(URI.create(replica.url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("rendezvous_livekit_calls_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * Ends the load's sessions in the benchmark's own database. Their participants were never in a real
     * LiveKit room: ending them through the API would make session-service remove thousands of rooms that
     * never existed, and left open, reconciliation would correct them all; both would be counted as cost.
     */
    private static void endInTheDatabase(List<String> sessions) throws Exception {
        try (Connection db = database(); java.sql.PreparedStatement end = db.prepareStatement(
                "UPDATE sessions SET status = 'ENDED', version = version + 1, ended_at = now(), end_reason = 'ended-by-backend', "
                        + "media_ready = false, waiting_for = NULL, waiting_since = NULL, empty_since = NULL "
                        + "WHERE id = ANY(?) AND status <> 'ENDED'");
             java.sql.PreparedStatement away = db.prepareStatement(
                     "UPDATE session_members SET since = NULL WHERE session_id = ANY(?) AND since IS NOT NULL");
             java.sql.PreparedStatement leave = db.prepareStatement(
                     "UPDATE session_participants SET active = false, left_at = now(), left_reason = 'bench' "
                             + "WHERE session_id = ANY(?) AND active")) {
            java.sql.Array ids = db.createArrayOf("uuid", sessions.toArray());
            end.setArray(1, ids);
            end.executeUpdate();
            away.setArray(1, ids);
            away.executeUpdate();
            leave.setArray(1, ids);
            leave.executeUpdate();
        }
    }

    private static Connection database() throws Exception {
        String url = "jdbc:postgresql://" + Lab.env("DB_HOST", "127.0.0.1") + ":" + Lab.env("DB_PORT", "5432") + "/" + DB;
        return DriverManager.getConnection(url, Lab.env("DB_USER", "rendezvous"), Lab.env("DB_PASSWORD", "rendezvous"));
    }

    /** Drops what an earlier run left: the replica's migrations make the schema again. */
    private static void emptyDatabase() throws Exception {
        try (Connection db = database(); Statement sql = db.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS public CASCADE");
            sql.execute("CREATE SCHEMA public");
        }
    }

    private static long openSessions() throws Exception {
        try (Connection db = database(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM sessions WHERE status <> 'ENDED'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
