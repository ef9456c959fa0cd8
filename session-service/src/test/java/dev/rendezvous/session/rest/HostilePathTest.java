package dev.rendezvous.session.rest;

import dev.rendezvous.session.support.Sessions;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every spelling of a session's paths (a trailing slash, {@code //}, {@code ./}, encoded slashes, query
 * strings, matrix parameters), sent byte for byte, by a stranger with a valid JWT, by a roster member
 * and without a JWT: access is decided by the call that handles the request, so no spelling lets a
 * stranger read, stream, diagnose, reconcile or end a session.
 */
@QuarkusTest
class HostilePathTest {

    /** Answers a stranger may get: refused, not found, unreadable, or no such method. */
    private static final Set<Integer> REFUSED = Set.of(400, 401, 403, 404, 405);

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** One request as sent: the raw path and query, the method. */
    private record Call(String method, String path) {
    }

    private static List<Call> corpus(String id) {
        List<Call> calls = new ArrayList<>();
        for (String tail : List.of("", "/stream", "/diagnosis")) {
            String path = "/v1/sessions/" + id + tail;
            for (String spelling : List.of(path, path + "/", path + "//", path + "/.", path + "/./",
                    "/v1/sessions//" + id + tail, "/v1/sessions/./" + id + tail, "/v1//sessions/" + id + tail,
                    path + "?x=/stream", path + "?access_token=", path + ";x=1", path + "%2F", path + "%2f%2f",
                    "/v1/sessions/" + id + "/x/.." + tail, "/v1/sessions/" + id + "/%2E" + tail, path + "#frag")) {
                calls.add(new Call("GET", spelling));
            }
        }
        for (String tail : List.of("/end", "/reconcile")) {
            String path = "/v1/sessions/" + id + tail;
            for (String spelling : List.of(path + "/", path + "//", "/v1/sessions/" + id + "/." + tail, path + "?a=b",
                    path + ";x=1", "/v1/sessions//" + id + tail)) {
                calls.add(new Call("POST", spelling));
            }
        }
        return calls;
    }

    /** The status, and the first bytes of the body (a stream is not read to its end). */
    private record Answer(int status, String start) {
    }

    private Answer send(Call call, String jwt) throws Exception {
        URI uri = URI.create(base.toString().replaceAll("/$", "") + call.path());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(call.method(), HttpRequest.BodyPublishers.noBody());
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] start = body.readNBytes(response.statusCode() == 200 ? 64 : 4096);
            return new Answer(response.statusCode(), new String(start, StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldRefuseAStrangerOnEverySpellingOfEveryPath() throws Exception {
        Sessions.Created s = Sessions.create();
        String stranger = TestJwt.user("stranger-" + s.id().toString().substring(0, 8));
        for (Call call : corpus(s.id().toString())) {
            Answer answer = send(call, stranger);
            assertThat(answer.status()).as("%s %s as a stranger", call.method(), call.path()).isIn(REFUSED);
            assertThat(answer.start()).as("%s %s as a stranger", call.method(), call.path())
                    .doesNotContain(s.customerId()).doesNotContain(s.mechanicId());
        }
    }

    @Test
    void shouldAskForAJwtOnEverySpellingThatReachesASession() throws Exception {
        Sessions.Created s = Sessions.create();
        for (Call call : corpus(s.id().toString())) {
            Answer answer = send(call, null);
            assertThat(answer.status()).as("%s %s without a JWT", call.method(), call.path()).isIn(401, 404, 405, 400);
            assertThat(answer.start()).doesNotContain(s.customerId());
        }
    }

    @Test
    void shouldServeARosterMemberOnTheSpellingsThatReachTheSession() throws Exception {
        Sessions.Created s = Sessions.create();
        String customer = TestJwt.user(s.customerId());
        int served = 0;
        for (Call call : corpus(s.id().toString())) {
            if (call.method().equals("POST")) {
                continue; // an end would end the test's session
            }
            Answer answer = send(call, customer);
            assertThat(answer.status()).as("%s %s as the customer", call.method(), call.path()).isIn(200, 400, 404, 405);
            served += answer.status() == 200 ? 1 : 0;
        }
        assertThat(served).as("the plain spellings at least").isGreaterThanOrEqualTo(3);
    }
}
