-- The last time step whose two-step code signed the user in (or turned the
-- second factor on): a code is accepted once, and no older one after it.
ALTER TABLE users ADD COLUMN totp_step BIGINT NOT NULL DEFAULT 0;
