-- Disbursement pipeline (src/OssFunding.Pipeline): signatures, notices outbox, open alert conditions, unplanned
-- outflows, execution submissions and the confirmer's position. Portable SQL (SQLite and PostgreSQL).
-- Addresses are EIP-55, hashes 0x-prefixed lowercase hex, token amounts in base units are base-10 integer strings.

-- Owners of the Safe when the transaction was drafted or last checked (JSON array of EIP-55 addresses):
-- the transaction resource lists who has not signed without a chain read per request.
ALTER TABLE safe_transactions ADD COLUMN owners TEXT NULL;

-- One signature per owner per Safe transaction. source: 'api' (posted to the worker or the CLI), 'chain' (an
-- approveHash seen by the watcher; chain_tx_hash/chain_block_number say where, so a reorg can undo it), 'service'
-- (read from the Safe Transaction Service).
CREATE TABLE transaction_signatures (
    safe_tx_hash        TEXT NOT NULL REFERENCES safe_transactions (safe_tx_hash),
    owner               TEXT NOT NULL CHECK (length(owner) = 42),
    signature_type      TEXT NOT NULL CHECK (signature_type IN ('Eip712', 'EthSign', 'ApprovedHash', 'Eip1271')),
    signature           TEXT NOT NULL,
    source              TEXT NOT NULL CHECK (source IN ('api', 'chain', 'service')),
    chain_tx_hash       TEXT NULL CHECK (chain_tx_hash IS NULL OR length(chain_tx_hash) = 66),
    chain_block_number  BIGINT NULL,
    created_at          TEXT NOT NULL,
    PRIMARY KEY (safe_tx_hash, owner),
    CHECK ((source = 'chain' AND chain_tx_hash IS NOT NULL AND chain_block_number IS NOT NULL)
        OR (source <> 'chain' AND chain_tx_hash IS NULL AND chain_block_number IS NULL))
);

-- Outbox: every notice (signer events and alerts) written in the same transaction as the state change that caused
-- it. dedupe_key, when set, makes a notice once-only (e.g. one per unplanned transfer log). seq orders notices
-- written at the same instant (one more than the highest at insert; concurrent writers may tie, id breaks ties).
CREATE TABLE notices (
    id            TEXT PRIMARY KEY,
    seq           BIGINT NOT NULL,
    kind          TEXT NOT NULL,
    safe_tx_hash  TEXT NULL,
    dedupe_key    TEXT NULL UNIQUE,
    payload       TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE INDEX ix_notices_seq ON notices (seq);

-- Alert conditions that are currently true (e.g. low balance for a token). A condition raises its notice when it
-- starts, not on every run; it is deleted when it clears, so a later recurrence alerts again.
CREATE TABLE alert_conditions (
    condition_key  TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    detail         TEXT NOT NULL,
    raised_at      TEXT NOT NULL
);

-- Final token transfers out of the Safe that match no recorded payment.
CREATE TABLE unplanned_outflows (
    tx_hash       TEXT NOT NULL CHECK (length(tx_hash) = 66),
    log_index     BIGINT NOT NULL CHECK (log_index >= 0),
    safe          TEXT NOT NULL CHECK (length(safe) = 42),
    block_number  BIGINT NOT NULL,
    block_hash    TEXT NOT NULL CHECK (length(block_hash) = 66),
    token         TEXT NOT NULL CHECK (length(token) = 42),
    to_address    TEXT NOT NULL CHECK (length(to_address) = 42),
    amount        TEXT NOT NULL,
    safe_tx_hash  TEXT NULL,
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (tx_hash, log_index)
);

-- Final blocks the confirmer has classified (unplanned outflows, owner changes), per Safe.
CREATE TABLE confirmer_checkpoint (
    safe          TEXT PRIMARY KEY CHECK (length(safe) = 42),
    block_number  BIGINT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- execTransaction submissions by the optional executor, stored (raw signed transaction and its hash) BEFORE they
-- are sent: after a restart the same raw transaction is re-broadcast while its nonce is unused, never a fresh one.
CREATE TABLE execution_submissions (
    tx_hash          TEXT PRIMARY KEY CHECK (length(tx_hash) = 66),
    safe_tx_hash     TEXT NOT NULL REFERENCES safe_transactions (safe_tx_hash),
    sender           TEXT NOT NULL CHECK (length(sender) = 42),
    sender_nonce     BIGINT NOT NULL CHECK (sender_nonce >= 0),
    raw_transaction  TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('Pending', 'Mined', 'Dropped')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE INDEX ix_execution_submissions_safe_tx ON execution_submissions (safe_tx_hash);
CREATE INDEX ix_execution_submissions_sender ON execution_submissions (sender, sender_nonce);

-- Serializes drafters (PostgreSQL; SQLite writers are serialized by BEGIN IMMEDIATE) so the live-transaction limit
-- is checked exactly. The unique indexes of 0001 stay the last line against double drafting.
CREATE TABLE pipeline_locks (
    name     TEXT PRIMARY KEY,
    version  BIGINT NOT NULL
);

INSERT INTO pipeline_locks (name, version) VALUES ('drafter', 0);
