-- Sessions: the roster and the folded state, one row each.
CREATE TABLE sessions (
    id                UUID PRIMARY KEY,
    customer_id       VARCHAR(200) NOT NULL,
    mechanic_id       VARCHAR(200) NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    version           BIGINT       NOT NULL,
    customer_identity VARCHAR(300),
    customer_since    TIMESTAMPTZ,
    mechanic_identity VARCHAR(300),
    mechanic_since    TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL,
    ready_at          TIMESTAMPTZ,
    ended_at          TIMESTAMPTZ,
    end_reason        VARCHAR(64)
);
CREATE INDEX sessions_open ON sessions (status) WHERE status <> 'ENDED';

-- Presence per LiveKit participant sid: a role is present while one of its sids is active.
CREATE TABLE session_participants (
    session_id   UUID         NOT NULL REFERENCES sessions (id),
    sid          VARCHAR(100) NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    identity     VARCHAR(300),
    user_id      VARCHAR(200),
    active       BOOLEAN      NOT NULL,
    joined_at    TIMESTAMPTZ,
    left_at      TIMESTAMPTZ,
    left_reason  VARCHAR(64),
    PRIMARY KEY (session_id, sid)
);

-- Every consumed event id, so a redelivered record is folded once.
CREATE TABLE processed_events (
    event_id     VARCHAR(200) PRIMARY KEY,
    processed_at TIMESTAMPTZ  NOT NULL
);

-- What the services saw about a session, kept for diagnosis. No foreign key: events for a room
-- that only looks like a session's, or that arrive before the session exists, are kept too.
CREATE TABLE session_timeline (
    id           BIGSERIAL PRIMARY KEY,
    session_id   UUID,
    event_id     VARCHAR(200) NOT NULL,
    type         VARCHAR(100) NOT NULL,
    room         VARCHAR(300),
    identity     VARCHAR(300),
    occurred_at  TIMESTAMPTZ,
    received_at  TIMESTAMPTZ  NOT NULL,
    outcome      VARCHAR(300),
    payload      TEXT         NOT NULL
);
CREATE INDEX session_timeline_session ON session_timeline (session_id, id);

-- Signals written in the same transaction as the state they describe, relayed to Kafka after commit.
CREATE TABLE signal_outbox (
    id           BIGSERIAL PRIMARY KEY,
    session_id   UUID         NOT NULL,
    version      BIGINT       NOT NULL,
    type         VARCHAR(100) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    published_at TIMESTAMPTZ,
    UNIQUE (session_id, version)
);
CREATE INDEX signal_outbox_pending ON signal_outbox (id) WHERE published_at IS NULL;
