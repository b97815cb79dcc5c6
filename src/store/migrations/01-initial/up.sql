-- The first schema. Times are UTC milliseconds since the Unix epoch; Discord
-- ids (snowflakes) are stored as SQLite's 64-bit integers, bit for bit.

CREATE TABLE announcements (
    id              INTEGER PRIMARY KEY,
    -- The series' first occurrence; a repeat's next occurrence is a new row.
    series_id       INTEGER NOT NULL,
    guild_id        INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL,
    text            TEXT,
    entry_id        TEXT,
    ping_role_id    INTEGER,
    ping_everyone   INTEGER NOT NULL DEFAULT 0 CHECK (ping_everyone IN (0, 1)),
    due_at_ms       INTEGER NOT NULL,
    -- The series' first due time, whose wall-clock time repeats keep.
    anchor_at_ms    INTEGER NOT NULL,
    timezone        TEXT NOT NULL,
    repeat          TEXT NOT NULL CHECK (repeat IN ('none', 'daily', 'weekly')),
    publish         INTEGER NOT NULL CHECK (publish IN (0, 1)),
    created_by      INTEGER NOT NULL,
    created_at_ms   INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('scheduled', 'sending', 'sent', 'missed', 'cancelled')),
    claimed_at_ms   INTEGER,
    attempts        INTEGER NOT NULL DEFAULT 0,
    sent_message_id INTEGER,
    finished_at_ms  INTEGER,
    missed_reason   TEXT,
    CHECK ((text IS NULL) <> (entry_id IS NULL)),
    CHECK (NOT (ping_everyone = 1 AND ping_role_id IS NOT NULL))
);
CREATE INDEX announcements_by_status_due ON announcements (status, due_at_ms);
CREATE INDEX announcements_by_guild ON announcements (guild_id, status, due_at_ms);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    actor_id INTEGER NOT NULL,
    at_ms    INTEGER NOT NULL,
    action   TEXT NOT NULL,
    details  TEXT NOT NULL
);
CREATE INDEX audit_log_by_guild ON audit_log (guild_id, at_ms);

-- One vote per user per answer message: pressing again changes the vote.
CREATE TABLE votes (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    entry_id   TEXT NOT NULL,
    helpful    INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    -- The question the answer was for, so "not helpful" ones can be reviewed.
    question   TEXT,
    at_ms      INTEGER NOT NULL,
    UNIQUE (message_id, user_id)
);
CREATE INDEX votes_by_guild ON votes (guild_id, at_ms);

CREATE TABLE declined_questions (
    id       INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    question TEXT NOT NULL,
    at_ms    INTEGER NOT NULL
);
CREATE INDEX declined_by_guild ON declined_questions (guild_id, at_ms);

CREATE TABLE answers (
    id       INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    entry_id TEXT NOT NULL,
    at_ms    INTEGER NOT NULL
);
CREATE INDEX answers_by_guild ON answers (guild_id, at_ms);

-- Phrasings moderators added from Discord; the FAQ files stay the source of
-- truth and `optout-bot faq export` copies these into them.
CREATE TABLE variants (
    id         INTEGER PRIMARY KEY,
    entry_id   TEXT NOT NULL,
    text       TEXT NOT NULL,
    -- text::normalize(text): the same phrasing typed differently is one variant.
    normalized TEXT NOT NULL,
    guild_id   INTEGER NOT NULL,
    added_by   INTEGER NOT NULL,
    at_ms      INTEGER NOT NULL,
    UNIQUE (entry_id, normalized)
);
