-- A session ends when people or time end it, never because a LiveKit room closed (docs/architecture.md,
-- "Session state"). Each session keeps what its deadlines count from: whom a present role waits for
-- and since when (overdue after WAIT_OVERDUE_AFTER), since when nobody is present (expired after
-- SESSION_NO_SHOW_TIMEOUT if nobody ever joined, abandoned after SESSION_IDLE_TIMEOUT otherwise), and
-- when the two first met. Deadlines are computed from these with the settings of the day, so a changed
-- setting applies to every session at once.
ALTER TABLE sessions
    ADD COLUMN waiting_for     TEXT,
    ADD COLUMN waiting_since   TIMESTAMPTZ,
    ADD COLUMN waiting_overdue BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN empty_since     TIMESTAMPTZ,
    ADD COLUMN met_at          TIMESTAMPTZ;

-- Open sessions, read once from what they hold (a wait's start is taken as the present role's arrival).
UPDATE sessions s SET
    waiting_for = CASE WHEN customer_since IS NOT NULL AND mechanic_since IS NULL THEN 'mechanic'
                       WHEN mechanic_since IS NOT NULL AND customer_since IS NULL THEN 'customer' END,
    waiting_since = CASE WHEN (customer_since IS NULL) <> (mechanic_since IS NULL) THEN COALESCE(customer_since, mechanic_since) END,
    empty_since = CASE WHEN customer_since IS NULL AND mechanic_since IS NULL
                       THEN COALESCE((SELECT max(p.left_at) FROM session_participants p WHERE p.session_id = s.id), created_at) END,
    met_at = ready_at
WHERE status <> 'ENDED';

-- The queries of what is due read only what is due: each deadline has an index on its start.
CREATE INDEX sessions_wait_due ON sessions (waiting_since) WHERE status <> 'ENDED' AND NOT waiting_overdue;
CREATE INDEX sessions_no_show_due ON sessions (empty_since)
    WHERE status <> 'ENDED' AND customer_identity IS NULL AND mechanic_identity IS NULL;
CREATE INDEX sessions_idle_due ON sessions (empty_since)
    WHERE status <> 'ENDED' AND (customer_identity IS NOT NULL OR mechanic_identity IS NOT NULL);
-- Reconciliation compares LiveKit's rooms with the sessions somebody is present in.
CREATE INDEX sessions_with_people ON sessions (id) WHERE status <> 'ENDED' AND empty_since IS NULL;

-- Tokens: the latest per session and role and how many were minted, instead of a timeline row and a
-- processed event id per mint (a loop in a page grew both without end). A mint is counted once: the
-- row only moves forward in (issued_at, event_id).
CREATE TABLE session_tokens (
    session_id      UUID        NOT NULL,
    role            TEXT        NOT NULL,
    user_id         TEXT,
    identity        TEXT,
    room            TEXT,
    first_issued_at TIMESTAMPTZ NOT NULL,
    issued_at       TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ,
    event_id        TEXT        NOT NULL,
    minted          BIGINT      NOT NULL,
    PRIMARY KEY (session_id, role)
);

INSERT INTO session_tokens (session_id, role, user_id, identity, room, first_issued_at, issued_at, expires_at, event_id, minted)
SELECT DISTINCT ON (session_id, role) session_id, role, user_id, identity, room, first_issued_at, occurred_at,
       token_expires_at, event_id, minted
FROM (SELECT t.*, min(t.occurred_at) OVER w AS first_issued_at, count(*) OVER w AS minted
      FROM session_timeline t
      WHERE t.type = 'rendezvous.token.issued' AND t.role IN ('customer', 'mechanic') AND t.occurred_at IS NOT NULL
        AND t.session_id IN (SELECT id FROM sessions WHERE status <> 'ENDED')
      WINDOW w AS (PARTITION BY t.session_id, t.role)) tokens
ORDER BY session_id, role, occurred_at DESC, id DESC;

-- Reconciliation runs on every replica for the sessions of its own partitions: no lease any more.
DELETE FROM job_leases WHERE name = 'reconcile';
