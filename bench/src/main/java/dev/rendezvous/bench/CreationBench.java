package dev.rendezvous.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Sessions created per second ({@code POST /v1/sessions}) at a fixed concurrency, against a bare
 * authenticated read ({@code GET /v1/sessions/{id}}) on the same service in the same run.
 * The created sessions are ended afterwards, untimed, so they leave nothing open behind.
 */
public final class CreationBench {

    public static void main(String[] args) throws Exception {
        int concurrency = Lab.envInt("BENCH_CONCURRENCY", 32);
        int seconds = Lab.envInt("BENCH_SECONDS", 10);
        String backend = Lab.backendJwt();
        String known = Lab.createSessions(1, 1, backend).get(0);
        System.out.printf("session creation, %d requests in flight, %d s after a 3 s warm-up%n", concurrency, seconds);
        IntFunction<HttpRequest> read = n -> HttpRequest.newBuilder(URI.create(Lab.SESSION + "/v1/sessions/" + known))
                .header("Authorization", "Bearer " + backend).timeout(Duration.ofSeconds(10)).build();
        IntFunction<HttpRequest> create = n -> Lab.createRequest(backend, Lab.SESSION, "cb-c-" + n, "cb-m-" + n);
        List<String> created = new ArrayList<>();
        run(read, 200, concurrency, 3, null);
        Result baseline = run(read, 200, concurrency, seconds, null);
        run(create, 201, concurrency, 3, created);
        Result subject = run(create, 201, concurrency, seconds, created);
        baseline.print("baseline: GET /v1/sessions/{id}");
        subject.print("POST /v1/sessions");
        System.out.printf("ratio (create / read): %.2fx%n", subject.perSecond() / baseline.perSecond());
        endAll(created, backend, concurrency);
    }

    record Result(long[] nanos, int errors, double seconds) {
        double perSecond() {
            return nanos.length / seconds;
        }

        void print(String name) {
            long[] sorted = nanos.clone();
            java.util.Arrays.sort(sorted);
            System.out.printf("%-34s %8.0f/s  p50 %6.2f  p99 %6.2f  max %7.2f ms  errors %d%n", name, perSecond(),
                    sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6, errors);
        }
    }

    private static Result run(IntFunction<HttpRequest> request, int expected, int concurrency, int seconds,
                              List<String> created) throws Exception {
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        for (int n = 0; System.nanoTime() < end; n++) {
            inFlight.acquire();
            long sent = System.nanoTime();
            all.add(Lab.HTTP.sendAsync(request.apply(n), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                inFlight.release();
                if (e != null || r.statusCode() != expected) {
                    errors.incrementAndGet();
                    return;
                }
                nanos.add(System.nanoTime() - sent);
                if (created != null) {
                    synchronized (created) {
                        created.add(Lab.sessionIdIn(r.body()));
                    }
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(nanos.stream().mapToLong(Long::longValue).toArray(), errors.get(), elapsed);
    }

    private static void endAll(List<String> sessions, String backend, int concurrency) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String id : sessions) {
            inFlight.acquire();
            all.add(Lab.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(Lab.SESSION + "/v1/sessions/" + id + "/end"))
                            .header("Authorization", "Bearer " + backend).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    }
}
