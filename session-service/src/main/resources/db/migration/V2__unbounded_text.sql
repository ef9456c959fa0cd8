-- Identities, room names and outcomes come from LiveKit and from clients: no length limit of ours
-- should turn one long value into an event that cannot be folded.
ALTER TABLE sessions ALTER COLUMN customer_identity TYPE TEXT, ALTER COLUMN mechanic_identity TYPE TEXT,
    ALTER COLUMN end_reason TYPE TEXT;
ALTER TABLE session_participants ALTER COLUMN identity TYPE TEXT, ALTER COLUMN user_id TYPE TEXT,
    ALTER COLUMN left_reason TYPE TEXT;
ALTER TABLE session_timeline ALTER COLUMN room TYPE TEXT, ALTER COLUMN identity TYPE TEXT,
    ALTER COLUMN outcome TYPE TEXT, ALTER COLUMN type TYPE TEXT;
