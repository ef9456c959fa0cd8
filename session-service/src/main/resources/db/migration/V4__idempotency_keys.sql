-- A backend that retries POST /v1/sessions with the same Idempotency-Key finds the session its first
-- attempt created. Keys are scoped to the calling backend (its JWT sub) and kept for
-- RETENTION_IDEMPOTENCY_KEYS; the ids of the two roles are kept to tell a retry from a reuse.
CREATE TABLE session_idempotency_keys (
    caller          VARCHAR(200) NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    customer_id     VARCHAR(200) NOT NULL,
    mechanic_id     VARCHAR(200) NOT NULL,
    session_id      UUID         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX session_idempotency_keys_age ON session_idempotency_keys (created_at);
