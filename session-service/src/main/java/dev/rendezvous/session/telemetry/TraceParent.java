package dev.rendezvous.session.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span's place in its trace as W3C Trace Context writes it ({@code 00-<trace id>-<span id>-<flags>}),
 * so it can be stored with an outbox signal and continued when the signal is relayed.
 */
public final class TraceParent {

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private TraceParent() {
    }

    /** The traceparent of a span, or null when it is not recorded (tracing off). */
    public static String of(Span span) {
        SpanContext context = span.getSpanContext();
        return context.isValid() ? "00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                + context.getTraceFlags().asHex() : null;
    }

    /** The context to continue a stored traceparent in; null when there is none or it cannot be read. */
    public static Context parse(String traceParent) {
        if (traceParent == null) {
            return null;
        }
        Matcher m = FORMAT.matcher(traceParent);
        if (!m.matches()) {
            return null;
        }
        SpanContext remote = SpanContext.createFromRemoteParent(m.group(1), m.group(2),
                TraceFlags.fromHex(m.group(3), 0), TraceState.getDefault());
        return remote.isValid() ? Context.root().with(Span.wrap(remote)) : null;
    }
}
