-- Mirrors SQLite's 02-answer-questions: who asked and what, with each answer,
-- so a "not helpful" vote can be reviewed with its question after a restart.
ALTER TABLE answers ADD COLUMN user_id BIGINT;
ALTER TABLE answers ADD COLUMN question TEXT;
CREATE INDEX answers_by_user_entry ON answers (user_id, entry_id, at);
