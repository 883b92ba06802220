-- The audit log says what a change changed: the fields, each from → to, as
-- JSON; and it is read by who, what and when as well as by object.
ALTER TABLE audit_log ADD COLUMN changes TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_user ON audit_log(user_id, id);
CREATE INDEX audit_log_action ON audit_log(action, id);
CREATE INDEX audit_log_at ON audit_log(at);

-- The newsroom's story list: the last changed story first.
CREATE INDEX stories_updated ON stories(updated_at, id);

-- The media library is searched by its texts in every language, folded in
-- Go (analysis.Fold) so that both databases match alike; '' until folded.
ALTER TABLE media ADD COLUMN texts_fold TEXT NOT NULL DEFAULT '';
