-- When presence-service received the webhook that caused a signal: the relay measures readiness
-- latency (a join received to READY on session-signals) from it.
ALTER TABLE signal_outbox ADD COLUMN cause_received_at timestamptz;
