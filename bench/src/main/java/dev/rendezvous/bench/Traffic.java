package dev.rendezvous.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Steady traffic for the fault suite: a new session at a fixed rate, each walked through its script
 * as a backend and LiveKit would walk it: created with an Idempotency-Key, then its webhooks, one step
 * after another. A refused step is retried with the same request (the same key, the same webhook id),
 * as a backend retries and as LiveKit redelivers, until it is accepted or its deadline passes.
 */
final class Traffic implements AutoCloseable {

    /** The steps of a session's script, in order; a session's {@link Ending} says how far it goes. */
    enum Step { CREATE, CUSTOMER_JOINS, MECHANIC_JOINS, MECHANIC_LEAVES, ROOM_FINISHES }

    /** Where a session's script stops, and so the state it should be left in. */
    enum Ending {
        READY(Step.MECHANIC_JOINS), WAITING(Step.MECHANIC_LEAVES), EMPTIED(Step.ROOM_FINISHES);

        final Step last;

        Ending(Step last) {
            this.last = last;
        }
    }

    private static final Pattern WEBHOOK_ID = Pattern.compile("\"id\":\"(EV_[^\"]+)\"");
    private static final Duration STEP_GAP = Duration.ofMillis(1200); // more than LiveKit's one-second createdAt
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    // Within the five-minute life of the webhook signatures Lab makes, so a retry is never refused for its age.
    private static final Duration STEP_DEADLINE = Duration.ofMinutes(4);

    /** One session of the traffic and how far its script got. */
    static final class ScriptedSession {
        final int n;
        final String idempotencyKey;
        final Ending ending;
        volatile String id;
        /** The last step accepted; null before the creation was. */
        volatile Step accepted;
        volatile boolean abandoned;
        final Queue<String> acceptedWebhooks = new ConcurrentLinkedQueue<>();

        ScriptedSession(int n, String run, Ending ending) {
            this.n = n;
            this.idempotencyKey = "chaos-" + run + "-" + n;
            this.ending = ending;
        }

        boolean finished() {
            return abandoned || accepted == ending.last;
        }
    }

    private final String run;
    private final String backendJwt;
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    private final Queue<ScriptedSession> sessions = new ConcurrentLinkedQueue<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final Map<Integer, LongAdder> refusals = new ConcurrentSkipListMap<>();
    private final AtomicLong unclearRefusals = new AtomicLong();
    private volatile boolean arriving;

    Traffic(String run, String backendJwt) {
        this.run = run;
        this.backendJwt = backendJwt;
    }

    /** Starts a new session every {@code 1/perSecond} s, open loop, until {@link #stopArrivals()}. */
    void start(double perSecond) {
        arriving = true;
        long periodMicros = (long) (1_000_000 / perSecond);
        clock.scheduleAtFixedRate(() -> {
            if (!arriving) {
                return;
            }
            int n = started.getAndIncrement();
            ScriptedSession session = new ScriptedSession(n, run, Ending.values()[n % Ending.values().length]);
            sessions.add(session);
            step(session, Step.CREATE, createRequest(session), null, System.nanoTime());
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    void stopArrivals() {
        arriving = false;
    }

    /** Requests answered (or failed) and requests accepted so far, retries included. */
    long answered() {
        return answered.get();
    }

    long accepted() {
        return accepted.get();
    }

    List<ScriptedSession> sessions() {
        return List.copyOf(sessions);
    }

    /** Waits until every script is finished or abandoned; false on timeout. */
    boolean awaitScripts(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (sessions.stream().allMatch(ScriptedSession::finished)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** Makes one step's request until it is accepted; {@code webhookId} is null for the creation. */
    private void step(ScriptedSession session, Step step, HttpRequest request, String webhookId, long firstTry) {
        Lab.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            answered.incrementAndGet();
            int status = response == null ? 0 : response.statusCode();
            if (status == 200 || status == 201) {
                accepted.incrementAndGet();
                accept(session, step, webhookId, response.body());
            } else {
                if (response != null) {
                    noteRefusal(response);
                }
                if (refused(status) || System.nanoTime() - firstTry > STEP_DEADLINE.toNanos()) {
                    session.abandoned = true;
                    System.out.printf("  session %d: %s given up (answer %s)%n", session.n, step,
                            failure != null ? failure.getClass().getSimpleName() : status + " " + response.body());
                } else {
                    later(RETRY_AFTER, () -> step(session, step, request, webhookId, firstTry));
                }
            }
        });
    }

    /** Counts a refusal by status; one without the {error, message} JSON body is an unclear one. */
    private void noteRefusal(HttpResponse<String> response) {
        refusals.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
        String body = response.body() == null ? "" : response.body().trim();
        if (!body.startsWith("{") || !body.contains("\"error\"") || !body.contains("\"message\"")) {
            unclearRefusals.incrementAndGet();
        }
    }

    /** Refusals so far by status, e.g. "503x812". */
    String refusals() {
        return refusals.isEmpty() ? "none" : refusals.entrySet().stream().map(e -> e.getKey() + "x" + e.getValue().sum())
                .collect(Collectors.joining(" "));
    }

    /** Whether any refusal was a 5xx other than 503 (ours, not a dependency's absence). */
    boolean refusedWithOwnFault() {
        return refusals.keySet().stream().anyMatch(status -> status >= 500 && status != 503);
    }

    /** Refusals whose body was not the {error, message} JSON. */
    long unclearRefusals() {
        return unclearRefusals.get();
    }

    /** An answer that retrying cannot change: the request itself was wrong. */
    private static boolean refused(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    private void accept(ScriptedSession session, Step step, String webhookId, String body) {
        if (step == Step.CREATE) {
            session.id = Lab.sessionIdIn(body);
        } else {
            session.acceptedWebhooks.add(webhookId);
        }
        session.accepted = step;
        if (step == session.ending.last) {
            return;
        }
        Step next = Step.values()[step.ordinal() + 1];
        later(STEP_GAP, () -> {
            String webhook = webhook(session, next);
            step(session, next, Lab.webhookRequest(webhook), webhookIdIn(webhook), System.nanoTime());
        });
    }

    private static String webhook(ScriptedSession session, Step step) {
        String customer = "cc-" + session.n;
        String mechanic = "cm-" + session.n;
        String body = switch (step) {
            case CUSTOMER_JOINS -> Lab.joined(session.id, "customer", customer, "PA_c" + session.n);
            case MECHANIC_JOINS -> Lab.joined(session.id, "mechanic", mechanic, "PA_m" + session.n);
            case MECHANIC_LEAVES -> Lab.left(session.id, "mechanic", mechanic, "PA_m" + session.n);
            case ROOM_FINISHES -> Lab.roomFinished(session.id);
            case CREATE -> throw new IllegalArgumentException("not a webhook");
        };
        return body;
    }

    private HttpRequest createRequest(ScriptedSession session) {
        return HttpRequest.newBuilder(URI.create(Lab.SESSION + "/v1/sessions"))
                .header("Authorization", "Bearer " + backendJwt).header("Content-Type", "application/json")
                .header("Idempotency-Key", session.idempotencyKey)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"cc-" + session.n + "\",\"mechanicId\":\"cm-"
                        + session.n + "\"}"))
                .build();
    }

    private static String webhookIdIn(String body) {
        Matcher m = WEBHOOK_ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no webhook id in " + body);
        }
        return m.group(1);
    }

    private void later(Duration delay, Runnable action) {
        Executor after = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, clock);
        after.execute(action);
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
