package dev.rendezvous.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One fault of the suite: what breaks, for how long, and how it ends. The component comes back as
 * its supervisor would bring it back (a restarted process, a database started again); nothing else
 * is touched, so whatever recovers, recovers on its own.
 */
record Fault(String key, String name, Duration hold, List<String> inject, List<String> lift, Duration recoveryBudget) {

    /** Recovery owed after a broker restart (issue: 15 s); the other faults must recover, in any time up to the suite's limit. */
    private static final Duration BROKER_RECOVERY = Duration.ofSeconds(15);

    Fault(String key, String name, Duration hold, List<String> inject, List<String> lift) {
        this(key, name, hold, inject, lift, null);
    }

    /** Whether a recovery of this length meets the fault's budget, if it has one. */
    boolean recoveredInTime(Duration recovery) {
        return recovery != null && (recoveryBudget == null || recovery.compareTo(recoveryBudget) <= 0);
    }

    private static final Path REPO = Path.of(Lab.env("RENDEZVOUS_REPO", ".."));
    private static final Path LOCAL = Path.of(Lab.env("RENDEZVOUS_LOCAL_DIR", REPO.resolve(".local").toString()));

    /** Every fault, in the order the suite runs them. */
    static List<Fault> all() {
        return List.of(
                new Fault("kafka", "Kafka broker SIGKILLed, restarted", Duration.ofSeconds(10),
                        kill("kafka"), local("kafka.sh", "start"), BROKER_RECOVERY),
                // Killed and back three times in a row while signals are relayed: sends of one round fail
                // and later ones succeed, the case that once put a session's v6 on the topic before its v5.
                new Fault("flap", "Kafka broker flapping (3 kills in 30 s)", Duration.ofSeconds(1),
                        flap("kafka", 3), local("kafka.sh", "start"), BROKER_RECOVERY),
                new Fault("postgres", "PostgreSQL stopped for 90 s", Duration.ofSeconds(90),
                        local("postgres.sh", "stop"), local("postgres.sh", "start")),
                restartOf("session", "session-service"),
                restartOf("presence", "presence-service"),
                new Fault("livekit", "LiveKit stopped for 30 s", Duration.ofSeconds(30),
                        local("livekit.sh", "stop"), local("livekit.sh", "start")),
                // A failover's first seconds: PostgreSQL answers, every write fails (25006), connections are cut.
                new Fault("readonly", "PostgreSQL read-only for 30 s", Duration.ofSeconds(30),
                        List.of("bash", REPO.resolve("deploy/local/postgres.sh").toString(), "readonly", "on"),
                        List.of("bash", REPO.resolve("deploy/local/postgres.sh").toString(), "readonly", "off")),
                // LiveKit that takes the calls and answers none (seconds per call, until the callers' timeouts),
                // across a reconciliation interval: nothing may be corrected on its word.
                new Fault("livekit-slow", "LiveKit answering nothing for 40 s", Duration.ofSeconds(40),
                        signal("livekit", "STOP"), signal("livekit", "CONT")),
                // Restarted, LiveKit has no rooms: a LiveKit that lists nobody must not be taken at its word.
                new Fault("livekit-restart", "LiveKit SIGKILLed, restarted", Duration.ofSeconds(3),
                        kill("livekit"), local("livekit.sh", "start")));
    }

    /** A service of deploy/local SIGKILLed and started again from its jar, as a pod is on a crash or a deploy. */
    static Fault restartOf(String key, String service) {
        return new Fault(key, service + " SIGKILLed, restarted", Duration.ofSeconds(3), kill(service), restart());
    }

    /** Brings the fault about and back, as the suite does, then waits until the service at {@code url} is ready. */
    void restartAndAwaitReady(String url, String name) throws Exception {
        long killed = System.nanoTime();
        injectNow();
        Thread.sleep(hold.toMillis()); // the process is gone, as the fault suite waits, before it starts again
        liftNow();
        Lab.awaitReady(url, name);
        System.out.printf("  killed -> ready %.1f s%n", (System.nanoTime() - killed) / 1e9);
    }

    void injectNow() throws Exception {
        run(inject);
    }

    void liftNow() throws Exception {
        run(lift);
    }

    /** SIGKILL of a process deploy/local started, found by its pid file. */
    private static List<String> kill(String name) {
        return List.of("bash", "-c", "kill -9 \"$(cat '" + LOCAL.resolve("pids").resolve(name + ".pid") + "')\"");
    }

    /** A signal to a process deploy/local started (STOP freezes it: its port still takes connections, nothing answers). */
    private static List<String> signal(String name, String signal) {
        return List.of("bash", "-c", "kill -" + signal + " \"$(cat '" + LOCAL.resolve("pids").resolve(name + ".pid") + "')\"");
    }

    /** SIGKILL, a second's pause and a start, {@code times} over, as a broker with a failing disk or network would come and go. */
    private static List<String> flap(String name, int times) {
        String pid = LOCAL.resolve("pids").resolve(name + ".pid").toString();
        String start = REPO.resolve("deploy/local").resolve(name + ".sh") + " start";
        return List.of("bash", "-c", "for i in $(seq " + times + "); do kill -9 \"$(cat '" + pid + "')\"; sleep 1; "
                + start + "; sleep 4; done");
    }

    /** Starts the services that are not running, from the jars already built (as a pod restarts its image). */
    private static List<String> restart() {
        return List.of("env", "SKIP_BUILD=1", "bash", REPO.resolve("deploy/local/services.sh").toString(), "start");
    }

    private static List<String> local(String script, String action) {
        return List.of("bash", REPO.resolve("deploy/local").resolve(script).toString(), action);
    }

    private static void run(List<String> command) throws Exception {
        File log = LOCAL.resolve("logs").resolve("chaos-commands.log").toFile();
        Files.createDirectories(log.toPath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }
}
