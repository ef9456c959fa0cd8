-- The timeline's facts become columns of their own, so diagnosis reads typed values instead of
-- parsing the record an event arrived as (a field renamed upstream no longer blanks a diagnosis).
-- The record stays as evidence, and events session-service makes itself have none.
ALTER TABLE session_timeline
    ADD COLUMN origin           TEXT,
    ADD COLUMN role             TEXT,
    ADD COLUMN role_source      TEXT,
    ADD COLUMN user_id          TEXT,
    ADD COLUMN problems         TEXT,
    ADD COLUMN reason           TEXT,
    ADD COLUMN token_expires_at TIMESTAMPTZ,
    ALTER COLUMN payload DROP NOT NULL;

-- Rows written before this version, of sessions still open (the ones worth diagnosing): their facts,
-- read once from their payload. Ended sessions' older rows keep their facts in the payload only: a
-- timeline holds up to RETENTION_TIMELINES of every session, and rewriting all of it here would hold
-- the service's start for as long (4.5 minutes for 4.1 million rows on a 2-core machine).
-- A payload that is not a JSON object (none should be) leaves its row's facts empty rather than
-- failing the migration.
CREATE FUNCTION pg_temp.json_or_null(t TEXT) RETURNS JSONB AS $$
BEGIN
    RETURN CASE WHEN jsonb_typeof(t::jsonb) = 'object' THEN t::jsonb END;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$ LANGUAGE plpgsql IMMUTABLE;

UPDATE session_timeline t SET
    origin = CASE
        WHEN t.event_id LIKE 'reconcile:%' THEN 'RECONCILIATION'
        WHEN t.type = 'rendezvous.token.issued' THEN 'TOKEN_SERVICE'
        WHEN t.type = 'rendezvous.session.end-requested' THEN 'CALLER'
        WHEN t.type = 'rendezvous.session.expired' THEN 'EXPIRY'
        ELSE 'WEBHOOK' END,
    role = CASE WHEN p.j->>'role' IN ('customer', 'mechanic') THEN p.j->>'role' END,
    role_source = p.j->>'roleSource',
    user_id = COALESCE(p.j->>'userId', p.j->>'by'),
    problems = (SELECT string_agg(x->>'code', ',') FROM jsonb_array_elements(
                    CASE WHEN jsonb_typeof(p.j->'problems') = 'array' THEN p.j->'problems' ELSE '[]'::jsonb END) x),
    reason = p.j->>'disconnectReason',
    token_expires_at = CASE WHEN t.type = 'rendezvous.token.issued' AND p.j->>'expiresAt' ~ '^\d{4}-'
                            THEN (p.j->>'expiresAt')::timestamptz END,
    payload = CASE WHEN t.event_id LIKE 'reconcile:%' OR t.type = 'rendezvous.session.expired' THEN NULL ELSE t.payload END
FROM (SELECT id, pg_temp.json_or_null(payload) AS j FROM session_timeline
      WHERE session_id IN (SELECT id FROM sessions WHERE status <> 'ENDED')) p
WHERE p.id = t.id;
