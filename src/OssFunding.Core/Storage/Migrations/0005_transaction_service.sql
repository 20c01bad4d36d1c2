-- Safe Transaction Service integration (src/OssFunding.Pipeline/TransactionService, Signing:Mode=TransactionService).
-- Portable SQL (SQLite and PostgreSQL). Addresses are EIP-55, hashes 0x-prefixed lowercase hex, times ISO-8601 UTC.

-- Transactions the service accepted (HTTP 201) from this worker's proposer. A transaction without a row here is
-- proposed (again) on the next run: proposing is idempotent on the service, so a crash between its answer and this
-- insert only repeats the request.
CREATE TABLE service_proposals (
    safe_tx_hash  TEXT PRIMARY KEY REFERENCES safe_transactions (safe_tx_hash),
    proposer      TEXT NOT NULL CHECK (length(proposer) = 42),
    proposed_at   TEXT NOT NULL
);

-- Owner signatures received by the worker itself (transaction_signatures with source 'api') that were forwarded to the
-- service's confirmations endpoint, or that the service refused for good (e.g. the transaction already executed).
-- The signature row is the outbox entry; a missing row here means "still to send", so delivery is at least once.
CREATE TABLE service_confirmation_deliveries (
    safe_tx_hash  TEXT NOT NULL REFERENCES safe_transactions (safe_tx_hash),
    owner         TEXT NOT NULL CHECK (length(owner) = 42),
    outcome       TEXT NOT NULL CHECK (outcome IN ('Delivered', 'Refused')),
    detail        TEXT NULL,
    delivered_at  TEXT NOT NULL,
    PRIMARY KEY (safe_tx_hash, owner)
);
