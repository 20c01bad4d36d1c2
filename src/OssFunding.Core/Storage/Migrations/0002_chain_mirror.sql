-- Chain mirror, written by the watcher (src/OssFunding.Chain): a faithful, reorg-safe copy of what the Safe did
-- on chain. It decides nothing; the confirmer derives transaction states and payments from it.
-- Portable SQL (SQLite and PostgreSQL). Addresses are EIP-55, hashes 0x-prefixed lowercase hex,
-- token amounts and wei are base-10 integer strings (uint256 does not fit a BIGINT).

-- Where the watcher stands, per Safe. block_hash is NULL only between the ranges of an interrupted poll.
CREATE TABLE chain_checkpoint (
    safe          TEXT PRIMARY KEY CHECK (length(safe) = 42),
    block_number  BIGINT NOT NULL CHECK (block_number >= -1),
    block_hash    TEXT NULL CHECK (block_hash IS NULL OR length(block_hash) = 66),
    head_block    BIGINT NOT NULL,
    final_block   BIGINT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Hashes of the blocks the watcher recorded logs in, and of its checkpoints: what a reorg check compares.
CREATE TABLE chain_blocks (
    safe          TEXT NOT NULL CHECK (length(safe) = 42),
    block_number  BIGINT NOT NULL CHECK (block_number >= 0),
    block_hash    TEXT NOT NULL CHECK (length(block_hash) = 66),
    PRIMARY KEY (safe, block_number)
);

-- Every log the Safe emitted. Known events are decoded into the typed columns; topics/data keep the raw log.
CREATE TABLE chain_safe_events (
    tx_hash        TEXT NOT NULL CHECK (length(tx_hash) = 66),
    log_index      BIGINT NOT NULL CHECK (log_index >= 0),
    safe           TEXT NOT NULL CHECK (length(safe) = 42),
    block_number   BIGINT NOT NULL CHECK (block_number >= 0),
    block_hash     TEXT NOT NULL CHECK (length(block_hash) = 66),
    event          TEXT NOT NULL CHECK (event IN ('ExecutionSuccess', 'ExecutionFailure', 'ExecutionFromModuleSuccess',
                                                  'ExecutionFromModuleFailure', 'SafeMultiSigTransaction', 'ApproveHash',
                                                  'AddedOwner', 'RemovedOwner', 'ChangedThreshold', 'Other')),
    safe_tx_hash   TEXT NULL CHECK (safe_tx_hash IS NULL OR length(safe_tx_hash) = 66),
    payment        TEXT NULL,
    owner          TEXT NULL CHECK (owner IS NULL OR length(owner) = 42),
    approved_hash  TEXT NULL CHECK (approved_hash IS NULL OR length(approved_hash) = 66),
    threshold      BIGINT NULL,
    module         TEXT NULL CHECK (module IS NULL OR length(module) = 42),
    nonce          BIGINT NULL,
    topics         TEXT NOT NULL,
    data           TEXT NOT NULL,
    PRIMARY KEY (tx_hash, log_index)
);

CREATE INDEX ix_chain_safe_events_block ON chain_safe_events (safe, block_number);
CREATE INDEX ix_chain_safe_events_safe_tx_hash ON chain_safe_events (safe_tx_hash);

-- ERC-20 Transfer logs with from = the Safe, read from the receipts of the Safe's executions (any token, so
-- unplanned outflows too). execution_log_index points at the execution event (same tx) the transfer belongs to.
CREATE TABLE chain_transfers (
    tx_hash              TEXT NOT NULL CHECK (length(tx_hash) = 66),
    log_index            BIGINT NOT NULL CHECK (log_index >= 0),
    safe                 TEXT NOT NULL CHECK (length(safe) = 42),
    block_number         BIGINT NOT NULL CHECK (block_number >= 0),
    block_hash           TEXT NOT NULL CHECK (length(block_hash) = 66),
    token                TEXT NOT NULL CHECK (length(token) = 42),
    from_address         TEXT NOT NULL CHECK (length(from_address) = 42),
    to_address           TEXT NOT NULL CHECK (length(to_address) = 42),
    amount               TEXT NOT NULL,
    execution_log_index  BIGINT NULL,
    PRIMARY KEY (tx_hash, log_index)
);

CREATE INDEX ix_chain_transfers_block ON chain_transfers (safe, block_number);
