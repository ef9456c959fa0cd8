package dev.rendezvous.kernel;

import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Why a request's bearer credential was refused, in RFC 6750's terms: no {@code error} when the request
 * carried no token at all, {@code invalid_token} with a description that names what failed (expired,
 * signature, issuer, audience, not a JWT) when it carried one. The description goes to the caller
 * (the {@code WWW-Authenticate} challenge and the body) and to the log; it never holds the token.
 */
public record BearerRefusal(String error, String description) {

    /** What a caller with no token, or with a header that is not {@code Bearer <JWT>}, is told. */
    public static BearerRefusal missing(String authorizationHeader) {
        if (authorizationHeader != null && !authorizationHeader.isBlank()
                && !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new BearerRefusal("invalid_request",
                    "the Authorization header must be 'Bearer <JWT>'; it starts with another scheme or none");
        }
        return new BearerRefusal(null, "send the caller's JWT as 'Authorization: Bearer <JWT>'");
    }

    /** Why the verifier refused a token, read from the failure it threw (causes included). */
    public static BearerRefusal of(Throwable failure, long clockSkewSeconds) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid) {
                return of(invalid, clockSkewSeconds);
            }
            if (cause instanceof UnresolvableKeyException) {
                return invalid("no key of this service verifies the token's signature (unknown key id or algorithm); "
                        + "check mp.jwt.verify.publickey.location against the issuer's keys");
            }
        }
        return invalid("the token is not a JWT this service can verify");
    }

    private static BearerRefusal of(InvalidJwtException e, long clockSkewSeconds) {
        if (e.hasExpired()) {
            return invalid("the token has expired (its exp is past, allowing " + clockSkewSeconds + " s of clock skew); get a new one");
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return invalid("the token's signature does not verify with this service's key (mp.jwt.verify.publickey.location)");
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return invalid("the token's issuer is not the one this service accepts (mp.jwt.verify.issuer): " + detail(e,
                    ErrorCodes.ISSUER_INVALID, ErrorCodes.ISSUER_MISSING));
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return invalid("the token's audience is not one this service accepts (mp.jwt.verify.audiences): " + detail(e,
                    ErrorCodes.AUDIENCE_INVALID, ErrorCodes.AUDIENCE_MISSING));
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID) || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return invalid("the token is not valid yet (nbf or iat in the future beyond " + clockSkewSeconds
                    + " s of clock skew); check the issuer's clock");
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return invalid("the token has no exp claim");
        }
        // The verifier's words for a token it cannot parse quote the token itself: never repeat them.
        return invalid("the token is not a JWT this service can verify (send the compact JWS: header.payload.signature)");
    }

    /** The verifier's own words for the first of the given codes (they name the value expected, never the token). */
    private static String detail(InvalidJwtException e, int... codes) {
        for (ErrorCodeValidator.Error error : e.getErrorDetails()) {
            for (int code : codes) {
                if (error.getErrorCode() == code) {
                    return error.getErrorMessage();
                }
            }
        }
        return "see the token's claims";
    }

    /** A refusal the service decided itself (a ticket outside its scope, say), as a challenge. */
    public static BearerRefusal of(Refusal refused) {
        return invalid(refused.getMessage());
    }

    /** The log line of a refusal: the path (bounded, never its query), the error and why; never the token. */
    public String logLine(String path) {
        String bounded = path == null ? "" : path.length() > 200 ? path.substring(0, 200) : path;
        return "401 for " + bounded + " " + (error == null ? "no credential" : error) + ": " + description;
    }

    private static BearerRefusal invalid(String description) {
        return new BearerRefusal("invalid_token", description);
    }

    /** The {@code WWW-Authenticate} value (RFC 6750 section 3). */
    public String challenge() {
        if (error == null) {
            return "Bearer realm=\"rendezvous\"";
        }
        return "Bearer realm=\"rendezvous\", error=\"" + error + "\", error_description=\"" + quoted(description) + "\"";
    }

    /** error_description takes visible ASCII without '"' or '\' (RFC 6750 section 3). */
    private static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : '\'');
        }
        return out.toString();
    }
}
