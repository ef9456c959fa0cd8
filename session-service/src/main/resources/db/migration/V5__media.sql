-- Media readiness: what each role publishes (from its active sids' tracks) and whether the session is
-- READY with the required sources published; per sid, its tracks (trackSid:SOURCE:published;…).
ALTER TABLE sessions
    ADD COLUMN customer_camera     BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN customer_microphone BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN mechanic_camera     BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN mechanic_microphone BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN media_ready         BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE session_participants ADD COLUMN tracks TEXT;
