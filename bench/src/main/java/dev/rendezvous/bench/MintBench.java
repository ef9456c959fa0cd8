package dev.rendezvous.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tokens minted per second ({@code POST /v1/sessions/{id}/token}, one session, the customer's JWT) at
 * a fixed concurrency, against the bare authenticated call on the same service ({@code GET /v1/me},
 * the same JWT) in the same run; both driven by {@code wrk} ({@link Wrk}). The session is ended afterwards.
 */
public final class MintBench {

    public static void main(String[] args) throws Exception {
        int concurrency = Lab.envInt("BENCH_CONCURRENCY", 16);
        int seconds = Lab.envInt("BENCH_SECONDS", 10);
        int warmup = Lab.envInt("BENCH_WARMUP_SECONDS", 10);
        String backend = Lab.backendJwt();
        String session = Lab.createSessions(1, 1, backend).get(0);
        String customer = Lab.jwt("bc-0", "user");
        Path work = Files.createTempDirectory("mint-bench");
        Path me = Wrk.authenticated(work, "me.lua", "GET", customer, null);
        Path mint = Wrk.authenticated(work, "mint.lua", "POST", customer, null);
        String meUrl = Lab.TOKEN + "/v1/me";
        String mintUrl = Lab.TOKEN + "/v1/sessions/" + session + "/token";
        System.out.printf("token minting, %d connections (wrk), %d s after a %d s warm-up%n", concurrency, seconds, warmup);
        Wrk.run(me, meUrl, concurrency, warmup);
        Wrk.Result baseline = Wrk.run(me, meUrl, concurrency, seconds);
        Wrk.run(mint, mintUrl, concurrency, warmup);
        Wrk.Result subject = Wrk.run(mint, mintUrl, concurrency, seconds);
        baseline.print("baseline: GET /v1/me");
        subject.print("POST /v1/sessions/{id}/token");
        System.out.printf("ratio (mint / me): %.2fx%n", subject.perSecond() / baseline.perSecond());
        Lab.HTTP.send(HttpRequest.newBuilder(URI.create(Lab.SESSION + "/v1/sessions/" + session + "/end"))
                .header("Authorization", "Bearer " + backend).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
