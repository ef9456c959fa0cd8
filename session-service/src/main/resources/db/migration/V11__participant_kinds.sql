-- Participant kinds (docs/architecture.md, "Members, roles and participant kinds"): what LiveKit says
-- each sid is. Only a STANDARD sid (a person's page) counts for a role; an agent or a recorder is kept
-- with the role it claimed, if any, and none when it claims none. Every sid seen before this was a
-- person's page as far as the fold knew, so existing rows are STANDARD and keep their answers.
ALTER TABLE session_participants
    ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'STANDARD',
    ALTER COLUMN role DROP NOT NULL;

-- The snapshot's others and recording, kept with the rest of the folded state so a read needs no
-- participant rows. Existing sessions had nobody but people in their rooms.
ALTER TABLE sessions
    ADD COLUMN others    TEXT,
    ADD COLUMN recording BOOLEAN NOT NULL DEFAULT false;

-- The kind of the participant a timeline row is about, for diagnosis (null: a person's page).
ALTER TABLE session_timeline ADD COLUMN participant_kind VARCHAR(16);
