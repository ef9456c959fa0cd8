package dev.rendezvous.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mints from a token-service that has just started (issue: "mints >= 3,000/s within 30 s of ready"):
 * BENCH_CUSTOMERS sessions, each customer with a JWT of their own, so every mint verifies a new JWT and
 * looks up a roster, as different users do. Each session is minted once first, which opens its LiveKit
 * room (auto-creation is off), and that pass is reported on its own: the cost of a session's first mint.
 * Baseline, same run: the warm replica with the same requests, for sessions whose rooms are open.
 * Then token-service is SIGKILLed and started from its jar, and from the moment its readiness turns UP
 * each 10 s window is driven by wrk at a fixed concurrency: mints per second (2xx only), p50/p99, errors.
 * A restarted replica's per-user mint limits start empty, so the windows are not throttled by the
 * baseline's mints; there are enough customers that none reaches its burst in the windows.
 */
public final class MintColdStartBench {

    public static void main(String[] args) throws Exception {
        int customers = Lab.envInt("BENCH_CUSTOMERS", 8_000);
        int windows = Lab.envInt("BENCH_WINDOWS", 3);
        int concurrency = Lab.envInt("BENCH_CONCURRENCY", 16);
        String backend = Lab.backendJwt();
        System.out.printf("mints from a restarted token-service: %,d customers with a JWT each, %d connections (wrk), "
                + "per 10 s window after ready%n", customers, concurrency);
        List<String> sessions = Lab.createSessions(customers, 32, backend);
        Path work = Files.createTempDirectory("mint-cold");
        Path script = script(work, sessions);
        String url = Lab.TOKEN;

        firstMints(sessions, concurrency);
        Wrk.run(script, url, concurrency, 10); // the running replica's warm-up, not counted
        Wrk.Result warm = Wrk.run(script, url, concurrency, 10);
        print("warm replica (baseline)", warm);

        Fault.restartOf("token", "token-service").restartAndAwaitReady(Lab.TOKEN, "token-service");
        for (int window = 1; window <= windows; window++) {
            Wrk.Result cold = Wrk.run(script, url, concurrency, 10);
            print(String.format("after ready %3d-%3d s", (window - 1) * 10, window * 10), cold);
            System.out.printf("  ratio to warm: mints/s %.2fx, p99 %.1fx%n", cold.okPerSecond() / warm.okPerSecond(),
                    cold.p99() / warm.p99());
        }
    }

    /** One mint per session, which opens its room: what a session's first mint costs, printed on its own. */
    private static void firstMints(List<String> sessions, int concurrency) throws Exception {
        List<HttpRequest> mints = new ArrayList<>();
        for (int n = 0; n < sessions.size(); n++) {
            mints.add(HttpRequest.newBuilder(URI.create(Lab.TOKEN + "/v1/sessions/" + sessions.get(n) + "/token"))
                    .header("Authorization", "Bearer " + Lab.jwt("bc-" + n, "user"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
        }
        long started = System.nanoTime();
        long failed = Lab.sendAll(mints, concurrency).stream().filter(r -> r == null || r.statusCode() != 200).count();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%-30s %7.0f mints/s  (%,d in %.1f s, a Java client)  errors %d%n", "first mints, each opens a room",
                sessions.size() / seconds, sessions.size(), seconds, failed);
    }

    private static void print(String name, Wrk.Result result) {
        System.out.printf("%-30s %7.0f mints/s  p50 %6.2f  p99 %6.2f ms  errors %d of %d%n", name, result.okPerSecond(),
                result.p50(), result.p99(), result.errors(), result.requests());
    }

    /** A wrk script that walks through the customers, each thread from its own place: one mint each in turn. */
    private static Path script(Path dir, List<String> sessions) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < sessions.size(); n++) {
            lines.add("/v1/sessions/" + sessions.get(n) + "/token " + Lab.jwt("bc-" + n, "user"));
        }
        Path mints = Files.write(dir.resolve("mints.txt"), lines);
        return Wrk.script(dir, "mints.lua", """
                local mints = {}
                for line in io.lines("%s") do
                  local path, jwt = line:match("(%%S+) (%%S+)")
                  mints[#mints + 1] = { path = path, auth = "Bearer " .. jwt }
                end
                local threads = 0
                function setup(thread)
                  threads = threads + 1
                  thread:set("first", threads)
                end
                local at = nil
                function request()
                  if at == nil then at = (first or 1) * 7919 %% #mints end
                  at = at %% #mints + 1
                  local m = mints[at]
                  return wrk.format("POST", m.path, { ["Authorization"] = m.auth })
                end
                """.formatted(mints));
    }
}
