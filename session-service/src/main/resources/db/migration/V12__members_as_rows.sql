-- Members as rows (docs/architecture.md, "Members, roles and participant kinds"): a session's roster is
-- a list of members {userId, role}, each with what the fold keeps about it (presence, media, what its
-- page plays of the other). The per-role columns of sessions move here, one row per member, in the
-- order the roster named them (position); a supervisor is one more row. Every existing session gets
-- its customer (position 0) and mechanic (position 1) with exactly what it held, so its API answers
-- stay identical (SessionMembersMigrationTest checks open, READY and ENDED sessions).
CREATE TABLE session_members (
    session_id        UUID         NOT NULL REFERENCES sessions (id),
    position          SMALLINT     NOT NULL,
    user_id           VARCHAR(200) NOT NULL,
    role              VARCHAR(16)  NOT NULL,
    identity          VARCHAR(300),
    since             TIMESTAMPTZ,
    camera            BOOLEAN      NOT NULL DEFAULT false,
    microphone        BOOLEAN      NOT NULL DEFAULT false,
    receives_video    BOOLEAN      NOT NULL DEFAULT false,
    receives_audio    BOOLEAN      NOT NULL DEFAULT false,
    reception_problem TEXT,
    reported_at       TIMESTAMPTZ,
    PRIMARY KEY (session_id, position)
);

INSERT INTO session_members (session_id, position, user_id, role, identity, since, camera, microphone,
                             receives_video, receives_audio, reception_problem, reported_at)
SELECT id, 0, customer_id, 'customer', customer_identity, customer_since, customer_camera, customer_microphone,
       customer_receives_video, customer_receives_audio, customer_reception_problem, customer_reported_at
FROM sessions
UNION ALL
SELECT id, 1, mechanic_id, 'mechanic', mechanic_identity, mechanic_since, mechanic_camera, mechanic_microphone,
       mechanic_receives_video, mechanic_receives_audio, mechanic_reception_problem, mechanic_reported_at
FROM sessions;

-- What the deadline queries asked of the per-role identities: whether a required role ever came.
ALTER TABLE sessions ADD COLUMN ever_joined BOOLEAN NOT NULL DEFAULT false;
UPDATE sessions SET ever_joined = true WHERE customer_identity IS NOT NULL OR mechanic_identity IS NOT NULL;
DROP INDEX sessions_no_show_due;
DROP INDEX sessions_idle_due;
CREATE INDEX sessions_no_show_due ON sessions (empty_since) WHERE status <> 'ENDED' AND NOT ever_joined;
CREATE INDEX sessions_idle_due ON sessions (empty_since) WHERE status <> 'ENDED' AND ever_joined;

ALTER TABLE sessions
    DROP COLUMN customer_id, DROP COLUMN mechanic_id,
    DROP COLUMN customer_identity, DROP COLUMN customer_since, DROP COLUMN mechanic_identity, DROP COLUMN mechanic_since,
    DROP COLUMN customer_camera, DROP COLUMN customer_microphone, DROP COLUMN mechanic_camera, DROP COLUMN mechanic_microphone,
    DROP COLUMN customer_receives_video, DROP COLUMN customer_receives_audio, DROP COLUMN customer_reception_problem,
    DROP COLUMN customer_reported_at, DROP COLUMN mechanic_receives_video, DROP COLUMN mechanic_receives_audio,
    DROP COLUMN mechanic_reception_problem, DROP COLUMN mechanic_reported_at;

-- An idempotency key remembers the roster it created, as one canonical text (role:userId, in role order
-- then user id), instead of one column per role.
ALTER TABLE session_idempotency_keys ADD COLUMN roster TEXT;
UPDATE session_idempotency_keys SET roster = 'customer:' || customer_id || ',mechanic:' || mechanic_id;
ALTER TABLE session_idempotency_keys ALTER COLUMN roster SET NOT NULL, DROP COLUMN customer_id, DROP COLUMN mechanic_id;

-- Keyed by session id first: a signal is (session, version); the relay's pending index stays on id.
ALTER TABLE signal_outbox DROP CONSTRAINT signal_outbox_pkey;
ALTER TABLE signal_outbox DROP CONSTRAINT signal_outbox_session_id_version_key;
ALTER TABLE signal_outbox ADD PRIMARY KEY (session_id, version);
