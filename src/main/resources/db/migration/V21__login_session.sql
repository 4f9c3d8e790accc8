-- Server-side login sessions of the form login (docs/security.md, "Sessions"). The browser holds a random
-- token in the cookie hausmeter-sid; only its SHA-256 is stored, so a copy of this table logs nobody in.
-- A session counts while ended_at is NULL, last_seen_at lies less than the idle timeout back and
-- created_at less than the absolute timeout; an expired one gets ended_at when it is next presented.

CREATE TABLE login_session (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    account_id    bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    -- For the caretaker's list only, cut to 200 characters; never used to decide anything.
    user_agent    text CHECK (user_agent IS NULL OR length(user_agent) <= 200),
    address       text CHECK (address IS NULL OR length(address) <= 64),
    ended_at      timestamptz,
    ended_reason  text CHECK (ended_reason IN ('logout', 'password', 'caretaker', 'idle', 'expired', 'replaced')),
    CHECK ((ended_at IS NULL) = (ended_reason IS NULL))
);
CREATE INDEX login_session_open_idx ON login_session (account_id) WHERE ended_at IS NULL;
CREATE INDEX login_session_last_seen_idx ON login_session (last_seen_at);
