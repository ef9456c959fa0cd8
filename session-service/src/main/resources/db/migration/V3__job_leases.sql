-- Periodic jobs that should run on one replica at a time hold a lease here.
CREATE TABLE job_leases (
    name   VARCHAR(64) PRIMARY KEY,
    holder VARCHAR(64),
    until  TIMESTAMPTZ NOT NULL
);
INSERT INTO job_leases (name, holder, until) VALUES ('reconcile', NULL, 'epoch'), ('retention', NULL, 'epoch');
