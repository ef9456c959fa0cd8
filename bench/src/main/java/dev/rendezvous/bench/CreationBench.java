package dev.rendezvous.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sessions created per second ({@code POST /v1/sessions}) at a fixed concurrency, against a bare
 * authenticated read ({@code GET /v1/sessions/{id}}) on the same service in the same run. The load
 * is driven by {@code wrk} (Debian's package): a Java client at this rate burns a core of its own on
 * a 2-core machine and measures itself. The created sessions are ended afterwards, untimed, so they
 * leave nothing open behind.
 */
public final class CreationBench {

    private static final Pattern LATENCY = Pattern.compile("(?m)^\\s+(50|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    public static void main(String[] args) throws Exception {
        int concurrency = Lab.envInt("BENCH_CONCURRENCY", 32);
        int seconds = Lab.envInt("BENCH_SECONDS", 10);
        int warmup = Lab.envInt("BENCH_WARMUP_SECONDS", 10);
        String backend = Lab.backendJwt();
        String known = Lab.createSessions(1, 1, backend).get(0);
        Path work = Files.createTempDirectory("creation-bench");
        Path read = script(work, "read.lua", "wrk.headers[\"Authorization\"] = \"Bearer " + backend + "\"\n");
        Path created = work.resolve("created.txt");
        Path create = script(work, "create.lua", """
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
        wrk(read, readUrl, concurrency, warmup);
        Result baseline = wrk(read, readUrl, concurrency, seconds);
        wrk(create, Lab.SESSION + "/v1/sessions", concurrency, warmup);
        Result subject = wrk(create, Lab.SESSION + "/v1/sessions", concurrency, seconds);
        baseline.print("baseline: GET /v1/sessions/{id}");
        subject.print("POST /v1/sessions");
        System.out.printf("ratio (create / read): %.2fx%n", subject.perSecond() / baseline.perSecond());
        List<String> ids = Files.exists(created) ? Files.readAllLines(created) : List.of();
        endAll(ids, backend, concurrency);
    }

    record Result(double perSecond, double p50, double p90, double p99, long errors) {
        void print(String name) {
            System.out.printf("%-34s %8.0f/s  p50 %6.2f  p90 %6.2f  p99 %6.2f ms  errors %d%n", name, perSecond, p50, p90, p99, errors);
        }
    }

    private static Path script(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Result wrk(Path script, String url, int connections, int seconds) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "--timeout", "10s",
                "-s", script.toString(), url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        double[] latency = new double[3];
        Matcher m = LATENCY.matcher(out);
        while (m.find()) {
            double value = Double.parseDouble(m.group(2)) * switch (m.group(3)) {
                case "us" -> 0.001;
                case "s" -> 1000;
                default -> 1;
            };
            latency[switch (m.group(1)) { case "50" -> 0; case "90" -> 1; default -> 2; }] = value;
        }
        long errors = count(NON_2XX, out);
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output: " + out);
        }
        return new Result(Double.parseDouble(rate.group(1)), latency[0], latency[1], latency[2], errors);
    }

    private static long count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
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
