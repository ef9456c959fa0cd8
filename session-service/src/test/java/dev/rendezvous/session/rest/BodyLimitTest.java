package dev.rendezvous.session.rest;

import dev.rendezvous.testing.LargeBody;
import dev.rendezvous.testing.TestJwt;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A stranger's megabytes never reach a parser: every body is bounded for the method that handles the
 * call, before the roster, the rate limit or Jackson sees it, and answered 413 {error, message}.
 */
@QuarkusTest
class BodyLimitTest {

    private static final long TEN_MEGABYTES = 10L * 1024 * 1024;

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldRefuseALargeReceptionReportFromAStrangerWith413() throws Exception {
        LargeBody.Answer answer = LargeBody.send(root, "PUT", "/v1/sessions/" + UUID.randomUUID() + "/reception",
                TestJwt.user("stranger-" + UUID.randomUUID()), TEN_MEGABYTES);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"error\":\"body-too-large\"");
    }

    @Test
    void shouldRefuseALargeSessionCreationWith413() throws Exception {
        LargeBody.Answer answer = LargeBody.send(root, "POST", "/v1/sessions", TestJwt.backend(), TEN_MEGABYTES);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"error\":\"body-too-large\"");
    }

    @Test
    void shouldRefuseABodyOnACallThatTakesNoneOverTheDefaultLimit() throws Exception {
        // 8 KB: under the server's cap, over what a call without a body takes.
        LargeBody.Answer answer = LargeBody.send(root, "POST", "/v1/sessions/" + UUID.randomUUID() + "/end", TestJwt.backend(), 8192);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("4096 bytes");
    }

    @Test
    void shouldRefuseAReportOverItsOwnLimitBelowTheServersWith413() {
        given().auth().oauth2(TestJwt.user("stranger-" + UUID.randomUUID())).contentType("application/json")
                .body("{\"video\": true, \"audio\": true, \"x\": \"" + "x".repeat(2000) + "\"}")
                .put("/v1/sessions/" + UUID.randomUUID() + "/reception").then().statusCode(413)
                .body("error", equalTo("body-too-large")).body("message", containsString("512 bytes"));
    }

    @Test
    void shouldCutOffABodySentWithoutALength() throws Exception {
        // Chunked, so no Content-Length to refuse up front: bounded while read, refused before it is parsed.
        InputStream body = new SequenceInputStream(new ByteArrayInputStream("{\"video\": true, \"x\": \"".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream("x".repeat(100_000).getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "v1/sessions/" + UUID.randomUUID() + "/reception"))
                .header("Authorization", "Bearer " + TestJwt.user("stranger-chunked")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        // Quarkus cuts it off past the server's cap with its own 413, whose body is empty (a chunked body that big
        // is no page's doing); between a call's own limit and that cap the answer is {error, message}.
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void shouldStillTakeAnOrdinaryReport() {
        given().auth().oauth2(TestJwt.user("stranger-" + UUID.randomUUID())).contentType("application/json")
                .body("{\"video\": true, \"audio\": true}")
                .put("/v1/sessions/" + UUID.randomUUID() + "/reception").then().statusCode(404);
    }
}
