package dev.rendezvous.session.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.regex.Pattern;

/**
 * A view ticket travels in a URL by design, and a careless client may put a JWT there: neither may
 * reach a trace backend. The HTTP server span records the query string ({@code url.query}, and the full
 * URL where a client span does): the value of any parameter named like a ticket or a token is replaced
 * before the span is exported.
 */
@ApplicationScoped
public class UrlSecretsScrubber implements SpanProcessor {

    private static final Pattern SECRET = Pattern.compile("((?:^|[?&])[^=&]*(?:ticket|token)[^=&]*=)[^&#]*",
            Pattern.CASE_INSENSITIVE);
    private static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
    private static final AttributeKey<String> FULL = AttributeKey.stringKey("url.full");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        scrub(span, QUERY);
        scrub(span, FULL);
    }

    private static void scrub(ReadWriteSpan span, AttributeKey<String> key) {
        String value = span.getAttribute(key);
        if (value != null) {
            span.setAttribute(key, scrubbed(value));
        }
    }

    static String scrubbed(String query) {
        return SECRET.matcher(query).replaceAll("$1REDACTED");
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
