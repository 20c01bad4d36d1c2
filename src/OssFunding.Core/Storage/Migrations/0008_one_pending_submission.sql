-- At most one Pending executor submission per Safe transaction, enforced by the schema (SPEC §2.1): the insert's
-- NOT EXISTS guard cannot see a row another worker has not committed yet (two replicas, a cluster failover), and a
-- second signed execTransaction for the same Safe tx must never be stored and broadcast. The insert path treats the
-- violation as "already submitted". Portable SQL (SQLite and PostgreSQL).

-- A ledger that already holds two Pending submissions of one Safe tx (the race this index closes) keeps the first
-- stored one Pending and marks the later ones Dropped, so the index can be built. Nothing is lost: the Safe nonce lets
-- only one execution succeed, and payments are recorded from the chain, not from submissions.
UPDATE execution_submissions SET status = 'Dropped'
WHERE status = 'Pending'
  AND EXISTS (SELECT 1 FROM execution_submissions earlier
              WHERE earlier.safe_tx_hash = execution_submissions.safe_tx_hash AND earlier.status = 'Pending'
                AND (earlier.created_at < execution_submissions.created_at
                     OR (earlier.created_at = execution_submissions.created_at AND earlier.tx_hash < execution_submissions.tx_hash)));

CREATE UNIQUE INDEX ux_execution_submissions_pending ON execution_submissions (safe_tx_hash) WHERE status = 'Pending';
