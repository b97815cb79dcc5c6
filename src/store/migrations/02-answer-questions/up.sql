-- Who asked and what, with each answer: a "not helpful" vote can then be
-- reviewed with its question even after the bot restarted.
ALTER TABLE answers ADD COLUMN user_id INTEGER;
ALTER TABLE answers ADD COLUMN question TEXT;
CREATE INDEX answers_by_user_entry ON answers (user_id, entry_id, at_ms);
