package dev.rendezvous.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Sessions created per second ({@code POST /v1/sessions}) at a fixed concurrency, against a bare
 * authenticated read ({@code GET /v1/sessions/{id}}) on the same service in the same run. The load
 * is driven by {@code wrk} ({@link Wrk}). The created sessions are ended afterwards, untimed, so they
 * leave nothing open behind.
 */
public final class CreationBench {

    public static void main(String[] args) throws Exception {
        int concurrency = Lab.envInt("BENCH_CONCURRENCY", 32);
        int seconds = Lab.envInt("BENCH_SECONDS", 10);
        int warmup = Lab.envInt("BENCH_WARMUP_SECONDS", 10);
        String backend = Lab.backendJwt();
        String known = Lab.createSessions(1, 1, backend).get(0);
        Path work = Files.createTempDirectory("creation-bench");
        Path read = Wrk.authenticated(work, "read.lua", "GET", backend, null);
        Path created = work.resolve("created.txt");
        Path create = Wrk.script(work, "create.lua", """
                wrk.method = "POST"
                wrk.headers["Authorization"] = "Bearer %s"
                wrk.headers["Content-Type"] = "application/json"
                local n, out = 0, nil
                request = function()
                  n = n + 1
                  return wrk.format(nil, nil, nil, '{"customerId":"cb-c-' .. n .. '","mechanicId":"cb-m-' .. n .. '"}')
                end
                response = function(status, headers, body)
                  if status == 201 then
                    if out == nil then out = io.open("%s", "a"); out:setvbuf("line") end
                    out:write(body:match('"sessionId":"([^"]+)"'), "\\n")
                  end
                end
                """.formatted(backend, created));
        System.out.printf("session creation, %d connections (wrk), %d s after a %d s warm-up%n", concurrency, seconds, warmup);
        String readUrl = Lab.SESSION + "/v1/sessions/" + known;
        Wrk.run(read, readUrl, concurrency, warmup);
        Wrk.Result baseline = Wrk.run(read, readUrl, concurrency, seconds);
        Wrk.run(create, Lab.SESSION + "/v1/sessions", concurrency, warmup);
        Wrk.Result subject = Wrk.run(create, Lab.SESSION + "/v1/sessions", concurrency, seconds);
        baseline.print("baseline: GET /v1/sessions/{id}");
        subject.print("POST /v1/sessions");
        System.out.printf("ratio (create / read): %.2fx%n", subject.perSecond() / baseline.perSecond());
        List<String> ids = Files.exists(created) ? Files.readAllLines(created) : List.of();
        endAll(ids, backend, concurrency);
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
