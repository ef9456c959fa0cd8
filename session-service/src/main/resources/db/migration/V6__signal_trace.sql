-- The W3C traceparent of the fold that caused a signal: the relay continues that trace when it
-- publishes the signal, even after a crash in between (null when tracing is off).
ALTER TABLE signal_outbox ADD COLUMN trace_parent text;
