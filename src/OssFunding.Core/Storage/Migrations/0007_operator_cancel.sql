-- Operator cancel (SPEC §5): a transaction that owners may already have signed is cancelled by an on-chain rejection at
-- the same nonce (to = the Safe, value 0, no data, CALL). The rejection is a row of its own that names the transaction
-- it rejects; the original waits as 'Cancelling' (the status check is widened per engine in Sqlite/ and Postgres/).
-- Portable SQL (SQLite and PostgreSQL).

ALTER TABLE safe_transactions ADD COLUMN rejects_safe_tx_hash TEXT NULL REFERENCES safe_transactions (safe_tx_hash);

-- Set on the original when the operator asked for its allocations to be cancelled with it (1) rather than returned to
-- Approved (0) once the rejection executes.
ALTER TABLE safe_transactions ADD COLUMN cancel_allocations INTEGER NOT NULL DEFAULT 0 CHECK (cancel_allocations IN (0, 1));

-- Set by the Transaction Service proposer, in a write that locks the row, before it sends the proposal: from then on
-- owners may see it in Safe{Wallet}, so an operator cancel drafts a rejection instead of cancelling at once.
ALTER TABLE safe_transactions ADD COLUMN proposal_attempted_at TEXT NULL;

-- At most one live transaction per Safe nonce, not counting rejections: a Cancelling original keeps its nonce (its
-- signatures can still execute it) and its rejection shares it.
DROP INDEX ux_safe_transactions_live_nonce;
CREATE UNIQUE INDEX ux_safe_transactions_live_nonce ON safe_transactions (safe, nonce)
    WHERE status IN ('Drafted', 'AwaitingSignatures', 'ReadyToExecute', 'Cancelling', 'Executed', 'Confirmed')
      AND rejects_safe_tx_hash IS NULL;

-- At most one live rejection per Safe nonce.
CREATE UNIQUE INDEX ux_safe_transactions_live_rejection ON safe_transactions (safe, nonce)
    WHERE status IN ('Drafted', 'AwaitingSignatures', 'ReadyToExecute', 'Cancelling', 'Executed', 'Confirmed')
      AND rejects_safe_tx_hash IS NOT NULL;

-- A Cancelling transaction still holds its allocations: it may yet execute.
DROP INDEX ux_transaction_allocations_live;
CREATE UNIQUE INDEX ux_transaction_allocations_live ON transaction_allocations (allocation_id)
    WHERE tx_status IN ('Drafted', 'AwaitingSignatures', 'ReadyToExecute', 'Cancelling', 'Executed', 'Confirmed');
