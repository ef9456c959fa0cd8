package dev.rendezvous.session.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The support view's page: one HTML file with its script and styles inline (no build step), the session
 * id filled in. Everything it shows it reads from the diagnosis JSON and the stream, with the caller's token.
 */
final class SupportView {

    private static final String PAGE = load("/support/support-view.html");

    /** What the page may do: its own inline script and styles, and calls to this service only. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private SupportView() {
    }

    static String page(UUID sessionId) {
        return PAGE.replace("__SESSION_ID__", sessionId.toString());
    }

    private static String load(String path) {
        try (InputStream in = SupportView.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the service's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
