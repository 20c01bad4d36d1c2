-- Delivery of notices (src/OssFunding.Notifications): the dispatcher fans each notice of the outbox out into one
-- delivery per (channel, recipient) by its routing rules, then sends them at least once with a persisted schedule.
-- Portable SQL (SQLite and PostgreSQL). Timestamps are ISO-8601 UTC text (they sort as they compare).

-- One row per notice once it has been fanned out (deliveries is how many rows it made, 0 when no channel was on).
CREATE TABLE notice_fanouts (
    notice_id       TEXT PRIMARY KEY REFERENCES notices (id),
    deliveries      INTEGER NOT NULL CHECK (deliveries >= 0),
    fanned_out_at   TEXT NOT NULL
);

-- id is the delivery id sent to receivers (X-OssFunding-Delivery, the email Message-ID): the same on every retry.
-- recipient is '' for the channel's shared destination, or the EIP-55 address of the signer it goes to directly.
-- attempts counts attempts started (a claim increments it); next_attempt_at is when it may be tried again (while an
-- attempt runs, the end of its lease). Dead: refused by the receiver, or out of attempts.
CREATE TABLE notice_deliveries (
    id               TEXT PRIMARY KEY,
    notice_id        TEXT NOT NULL REFERENCES notices (id),
    channel          TEXT NOT NULL CHECK (channel IN ('Webhook', 'Slack', 'Discord', 'Telegram', 'Email')),
    recipient        TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('Pending', 'Delivered', 'Dead')),
    attempts         INTEGER NOT NULL CHECK (attempts >= 0),
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    delivered_at     TEXT NULL,
    UNIQUE (notice_id, channel, recipient)
);

CREATE INDEX ix_notice_deliveries_due ON notice_deliveries (status, channel, next_attempt_at);

-- Health of each channel, from the outcome of its attempts.
CREATE TABLE notice_channel_health (
    channel               TEXT PRIMARY KEY,
    last_success_at       TEXT NULL,
    last_failure_at       TEXT NULL,
    consecutive_failures  INTEGER NOT NULL CHECK (consecutive_failures >= 0),
    last_error            TEXT NULL,
    updated_at            TEXT NOT NULL
);
