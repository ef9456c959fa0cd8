package dev.rendezvous.bench;

import org.apache.kafka.common.TopicPartition;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fault suite (chaos/run.sh): steady traffic through the running system while one component at
 * a time fails and comes back, then an audit of every session the traffic touched. Prints one row
 * per fault: the traffic during it, how long until the whole path worked again, and the sessions
 * found wrong, lost or doubled. Exits non-zero unless every row is clean and every service is UP.
 */
public final class FaultSuite {

    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration AFTER_RECOVERY = Duration.ofSeconds(10);
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(5);
    private static final List<String> SERVICES = List.of(Lab.TOKEN, Lab.PRESENCE, Lab.SESSION);

    /** One fault's result; {@code refusals} are the answers other than 200/201 by status, e.g. "503x812". */
    private record Row(Fault fault, long requests, long accepted, String refusals, boolean clearRefusals, Duration recovery,
                       Audit.Verdict verdict, boolean healthy) {
        /**
         * Recovered (within the fault's budget, if it has one), UP, nothing wrong, lost or doubled, and every
         * refusal a 4xx or 503 with the {error, message} body.
         */
        boolean clean() {
            return fault.recoveredInTime(recovery) && healthy && clearRefusals
                    && verdict.wrong() == 0 && verdict.lost() == 0 && verdict.doubled() == 0;
        }
    }

    public static void main(String[] args) throws Exception {
        double rate = Double.parseDouble(Lab.env("CHAOS_RATE", "5"));
        List<String> chosen = Arrays.asList(Lab.env("CHAOS_FAULTS", "kafka,flap,postgres,session,presence,livekit").split(","));
        String jwt = Lab.backendJwt();
        String run = UUID.randomUUID().toString().substring(0, 8);
        System.out.printf("Fault suite %s: %.1f new sessions/s, each created and walked through its webhooks with retries%n",
                run, rate);
        List<Row> rows = new ArrayList<>();
        for (Fault fault : Fault.all()) {
            if (chosen.contains(fault.key())) {
                rows.add(run(fault, run, rate, jwt));
            }
        }
        System.out.println();
        System.out.printf("%-40s %-26s %-22s %10s %8s %6s %5s %8s %7s%n", "fault", "traffic during it", "refused with",
                "recovery", "sessions", "wrong", "lost", "doubled", "health");
        for (Row row : rows) {
            System.out.printf("%-40s %-26s %-22s %10s %8d %6d %5d %8d %7s%n", row.fault().name(),
                    row.accepted() + " of " + row.requests() + " accepted", row.refusals() + (row.clearRefusals() ? "" : " (!)"),
                    seconds(row.recovery()) + (row.fault().recoveredInTime(row.recovery()) ? "" : " (!)"),
                    row.verdict().checked(), row.verdict().wrong(), row.verdict().lost(), row.verdict().doubled(),
                    row.healthy() ? "UP" : "NOT UP");
        }
        System.exit(rows.stream().allMatch(Row::clean) ? 0 : 1);
    }

    private static String seconds(Duration duration) {
        return duration == null ? "never" : String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static Row run(Fault fault, String run, double rate, String jwt) throws Exception {
        System.out.printf("%n== %s%n", fault.name());
        awaitHealthy(RECOVERY_LIMIT);
        Map<TopicPartition, Long> eventsFrom = Audit.endOffsets(Lab.PARTICIPANT_EVENTS);
        Map<TopicPartition, Long> signalsFrom = Audit.endOffsets(Lab.SIGNALS);
        Audit audit = new Audit(jwt);
        try (Traffic traffic = new Traffic(run + "-" + fault.key(), jwt)) {
            traffic.start(rate);
            Thread.sleep(WARM_UP.toMillis());
            long requestsBefore = traffic.answered(), acceptedBefore = traffic.accepted();
            fault.injectNow();
            System.out.printf("  injected; holding %d s%n", fault.hold().toSeconds());
            Thread.sleep(fault.hold().toMillis());
            long lifted = System.nanoTime(); // recovery counts from the moment the component is brought back
            fault.liftNow();
            // Where the time goes: bringing the component back (a broker's JVM starting, say), then our side.
            Duration back = Duration.ofNanos(System.nanoTime() - lifted);
            Duration recovery = awaitRecovery(jwt, lifted);
            long requests = traffic.answered() - requestsBefore, accepted = traffic.accepted() - acceptedBefore;
            System.out.printf("  lifted; the component back after %s, whole path working again after %s%n", seconds(back),
                    seconds(recovery));
            Thread.sleep(AFTER_RECOVERY.toMillis());
            traffic.stopArrivals();
            if (!traffic.awaitScripts(Duration.ofMinutes(5))) {
                System.out.println("  some scripts still unfinished after 5 minutes");
            }
            if (!audit.awaitSettled(traffic.sessions(), Duration.ofMinutes(2))) {
                System.out.println("  some sessions never reached the state their script leads to (counted below)");
            }
            Audit.Verdict verdict = audit.check(traffic.sessions(), eventsFrom, signalsFrom);
            verdict.findings().forEach(f -> System.out.println("  " + f));
            boolean healthy = awaitHealthy(Duration.ofSeconds(30));
            boolean clear = !traffic.refusedWithOwnFault() && traffic.unclearRefusals() == 0;
            if (!clear) {
                System.out.printf("  refusals that are not a 4xx or 503 with the {error, message} body: %s, %d unclear%n",
                        traffic.refusals(), traffic.unclearRefusals());
            }
            return new Row(fault, requests, accepted, traffic.refusals(), clear, recovery, verdict, healthy);
        }
    }

    /**
     * The time from the fault's end until every service reports UP and a new session walks from
     * creation to READY: the whole path works again. Null if that did not happen within the limit.
     */
    private static Duration awaitRecovery(String jwt, long lifted) throws Exception {
        if (!awaitHealthy(RECOVERY_LIMIT)) {
            return null;
        }
        System.out.printf("  every service UP after %s%n", seconds(Duration.ofNanos(System.nanoTime() - lifted)));
        long deadline = lifted + RECOVERY_LIMIT.toNanos();
        Audit audit = new Audit(jwt);
        while (System.nanoTime() < deadline) {
            try {
                String id = Lab.sessionIdIn(send(Lab.createRequest(jwt, Lab.SESSION, "probe-c", "probe-m"), 201));
                send(Lab.webhookRequest(Lab.joined(id, "customer", "probe-c", "PA_pc_" + id)), 200);
                send(Lab.webhookRequest(Lab.joined(id, "mechanic", "probe-m", "PA_pm_" + id)), 200);
                while (System.nanoTime() < deadline) {
                    Audit.Snapshot snapshot = audit.snapshot(id);
                    if (snapshot != null && snapshot.status().equals("READY")) {
                        return Duration.ofNanos(System.nanoTime() - lifted);
                    }
                    Thread.sleep(100);
                }
            } catch (Exception notYet) {
                Thread.sleep(250);
            }
        }
        return null;
    }

    private static String send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = Lab.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Waits until every service's health (liveness and readiness) is UP; false on timeout. */
    private static boolean awaitHealthy(Duration timeout) throws InterruptedException {
        List<String> lastDown = List.of();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> down = SERVICES.stream().filter(service -> !healthy(service)).toList();
            if (down.isEmpty()) {
                return true;
            }
            if (!down.equals(lastDown)) {
                System.out.printf("  not UP yet: %s%n", down);
                lastDown = down;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static boolean healthy(String service) {
        try {
            return Lab.HTTP.send(HttpRequest.newBuilder(URI.create(service + "/q/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
