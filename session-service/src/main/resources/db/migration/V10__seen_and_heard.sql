-- Seen and heard (docs/architecture.md, "Seen and heard"): each role's page's last report of what it
-- plays of the other role, kept on the session until either role leaves. The snapshot shows it while
-- both are present; the problem and the time are for diagnosis. Existing sessions start unreported.
ALTER TABLE sessions
    ADD COLUMN customer_receives_video    BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN customer_receives_audio    BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN customer_reception_problem TEXT,
    ADD COLUMN customer_reported_at       TIMESTAMPTZ,
    ADD COLUMN mechanic_receives_video    BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN mechanic_receives_audio    BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN mechanic_reception_problem TEXT,
    ADD COLUMN mechanic_reported_at       TIMESTAMPTZ;

-- When this service saw the session become READY (the second join's arrival): the time to media-ready and
-- to seen-and-heard histograms count from it.
ALTER TABLE sessions ADD COLUMN ready_observed_at TIMESTAMPTZ;

-- A report on the timeline: what the page played (the problem goes in problems, the role and the caller
-- in their columns), so the support view draws it on the role's lane.
ALTER TABLE session_timeline
    ADD COLUMN receives_video BOOLEAN,
    ADD COLUMN receives_audio BOOLEAN;
