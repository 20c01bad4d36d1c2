-- Transparency reports (src/OssFunding.Reports): facts read from the chain that reports need and the ledger did not
-- keep, off-chain payment evidence, and the verdicts of `verify`. Portable SQL (SQLite and PostgreSQL).
-- Addresses are EIP-55, hashes 0x-prefixed lowercase hex, timestamps ISO-8601 UTC text, amounts decimal token units.

-- Timestamps of blocks holding recorded payments and unplanned outflows: a payment's date is its block's time (UTC).
-- Keyed by hash, so a block replaced by a reorg never lends its time to the new block at the same height.
CREATE TABLE block_timestamps (
    block_hash     TEXT PRIMARY KEY CHECK (length(block_hash) = 66),
    block_number   BIGINT NOT NULL CHECK (block_number >= 0),
    timestamp_utc  TEXT NOT NULL
);

-- What an off-chain payment was: the date it was made and a public link to the evidence (bank statement reference
-- page, invoice). The reference itself is payments.off_chain_reference.
CREATE TABLE off_chain_payment_details (
    payment_id    TEXT PRIMARY KEY REFERENCES payments (id) ON DELETE CASCADE,
    evidence_url  TEXT NOT NULL CHECK (length(evidence_url) > 0),
    paid_on       TEXT NOT NULL CHECK (length(paid_on) = 10)
);

-- The last verdict of `verify` for each on-chain payment, with the chain head it was checked against. Deleted with
-- the payment (a reorg rewind deletes payments above the common ancestor).
CREATE TABLE payment_verifications (
    payment_id        TEXT PRIMARY KEY REFERENCES payments (id) ON DELETE CASCADE,
    verdict           TEXT NOT NULL CHECK (verdict IN ('Verified', 'Mismatch')),
    detail            TEXT NOT NULL,
    checked_at_block  BIGINT NOT NULL CHECK (checked_at_block >= 0),
    checked_at        TEXT NOT NULL
);

-- The Safe as of one final block per month: the last block of the month once the month has ended on chain
-- (is_month_end = 1, never changed again), until then the newest final block (is_month_end = 0, replaced as the
-- month goes on). Owners are a JSON array of EIP-55 addresses.
CREATE TABLE safe_snapshots (
    safe             TEXT NOT NULL CHECK (length(safe) = 42),
    period           TEXT NOT NULL CHECK (length(period) = 7),
    block_number     BIGINT NOT NULL CHECK (block_number >= 0),
    block_hash       TEXT NOT NULL CHECK (length(block_hash) = 66),
    block_time       TEXT NOT NULL,
    is_month_end     INTEGER NOT NULL CHECK (is_month_end IN (0, 1)),
    owners           TEXT NOT NULL,
    threshold        INTEGER NOT NULL CHECK (threshold > 0),
    recorded_at      TEXT NOT NULL,
    PRIMARY KEY (safe, period)
);

-- Token balances of a snapshot, read with balanceOf(Safe) at the snapshot's block.
CREATE TABLE safe_snapshot_balances (
    safe           TEXT NOT NULL,
    period         TEXT NOT NULL,
    token          TEXT NOT NULL,
    token_address  TEXT NOT NULL CHECK (length(token_address) = 42),
    balance        TEXT NOT NULL,
    PRIMARY KEY (safe, period, token),
    FOREIGN KEY (safe, period) REFERENCES safe_snapshots (safe, period) ON DELETE CASCADE
);
