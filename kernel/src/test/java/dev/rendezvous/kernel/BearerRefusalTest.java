package dev.rendezvous.kernel;

import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BearerRefusalTest {

    private static Exception wrapped(int code, String message) {
        InvalidJwtException cause = new InvalidJwtException("JWT (claims->{\"sub\":\"secret-sub\"}) rejected",
                List.of(new ErrorCodeValidator.Error(code, message)), null);
        return new RuntimeException("authentication failed", new IllegalStateException("parse failed", cause));
    }

    @Test
    void shouldNameEachReasonAVerifierGives() {
        assertThat(BearerRefusal.of(wrapped(ErrorCodes.EXPIRED, "exp passed"), 5).description()).contains("expired", "5 s");
        assertThat(BearerRefusal.of(wrapped(ErrorCodes.SIGNATURE_INVALID, "bad"), 5).description()).contains("signature");
        assertThat(BearerRefusal.of(wrapped(ErrorCodes.ISSUER_INVALID, "iss (a) is not b"), 5).description())
                .contains("issuer", "iss (a) is not b");
        assertThat(BearerRefusal.of(wrapped(ErrorCodes.AUDIENCE_INVALID, "aud x not y"), 5).description()).contains("audience", "aud x");
        assertThat(BearerRefusal.of(wrapped(ErrorCodes.NOT_YET_VALID, "nbf"), 5).description()).contains("not valid yet");
        assertThat(BearerRefusal.of(new RuntimeException("no cause"), 5).description()).contains("not a JWT");
        assertThat(BearerRefusal.of(wrapped(ErrorCodes.EXPIRED, "exp"), 5).error()).isEqualTo("invalid_token");
    }

    @Test
    void shouldNeverRepeatTheClaimsTheVerifierQuotes() {
        assertThat(BearerRefusal.of(wrapped(ErrorCodes.EXPIRED, "exp passed"), 5).description()).doesNotContain("secret-sub");
    }

    @Test
    void shouldLogThePathBoundedAndTheReasonNeverTheQuery() {
        BearerRefusal expired = BearerRefusal.of(wrapped(ErrorCodes.EXPIRED, "exp"), 5);
        assertThat(expired.logLine("/v1/sessions/x")).startsWith("401 for /v1/sessions/x invalid_token: the token has expired");
        assertThat(BearerRefusal.missing(null).logLine("/" + "a".repeat(300))).hasSize("401 for ".length() + 200
                + " no credential: ".length() + BearerRefusal.missing(null).description().length());
        assertThat(BearerRefusal.of(Refusal.unauthorized("a ticket opens reads only")).challenge())
                .contains("error=\"invalid_token\"", "a ticket opens reads only");
    }

    @Test
    void shouldChallengeAsRfc6750Says() {
        assertThat(BearerRefusal.missing(null).challenge()).isEqualTo("Bearer realm=\"rendezvous\"");
        assertThat(BearerRefusal.missing("Basic abc").error()).isEqualTo("invalid_request");
        assertThat(BearerRefusal.missing("bearer abc").error()).isNull();
        assertThat(new BearerRefusal("invalid_token", "a \"quoted\" \\ reason\n").challenge())
                .isEqualTo("Bearer realm=\"rendezvous\", error=\"invalid_token\", error_description=\"a 'quoted' ' reason'\"");
    }
}
