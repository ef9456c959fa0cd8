package dev.rendezvous.session.support;

import org.jboss.logmanager.ExtLogRecord;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Every log line the service writes while it is open, as text (stack traces included) with its MDC. */
public final class LogCapture extends Handler implements AutoCloseable {

    /** One line: its formatted text and the MDC it was written with. */
    public record Line(String text, Map<String, String> mdc) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    public static LogCapture open() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    public List<Line> lines() {
        return lines;
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder text = new StringBuilder(record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                : formatter.formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append(trace);
        }
        lines.add(new Line(text.toString(), record instanceof ExtLogRecord ext ? ext.getMdcCopy() : Map.of()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
