-- Allows the 'Cancelling' status of 0007_operator_cancel.sql (PostgreSQL; Sqlite/ has the same change for SQLite).
ALTER TABLE safe_transactions DROP CONSTRAINT safe_transactions_status_check;
ALTER TABLE safe_transactions ADD CONSTRAINT safe_transactions_status_check
    CHECK (status IN ('Drafted', 'AwaitingSignatures', 'ReadyToExecute', 'Executed', 'Confirmed', 'Failed', 'Superseded',
                      'Cancelled', 'Cancelling'));
