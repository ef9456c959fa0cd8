package dev.rendezvous.kernel;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A warm-up's calls to its own service on the loopback, each with its token and a short timeout. */
public final class WarmUpCalls {

    private WarmUpCalls() {
    }

    /** Sends each call in turn; a call not answered is skipped (a warm-up never fails for one). How many were answered. */
    public static int send(HttpClient http, List<HttpRequest> calls, String token) {
        int answered = 0;
        for (HttpRequest call : calls) {
            try {
                HttpRequest authorised = HttpRequest.newBuilder(call, (name, value) -> true)
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).build();
                http.send(authorised, HttpResponse.BodyHandlers.discarding());
                answered++;
            } catch (IOException | RuntimeException notNow) {
                // skipped: the service is still starting, or busy
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answered;
            }
        }
        return answered;
    }
}
