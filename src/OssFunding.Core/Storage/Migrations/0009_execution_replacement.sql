-- Fee replacement of a stuck executor transaction (SPEC §2.1, issue "never pay twice" item 9): the replacement is a new
-- submission with the same sender nonce and higher fees, stored (Pending) before it is broadcast, while the one it
-- replaces becomes Dropped in the same database transaction. replaces_tx_hash links the two, so the tracker can still
-- settle the replaced one as Mined if it is the one the chain included. Portable SQL (SQLite and PostgreSQL).
ALTER TABLE execution_submissions ADD COLUMN replaces_tx_hash TEXT NULL CHECK (replaces_tx_hash IS NULL OR length(replaces_tx_hash) = 66);
