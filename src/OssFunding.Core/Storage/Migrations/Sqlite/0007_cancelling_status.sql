-- Allows the 'Cancelling' status of 0007_operator_cancel.sql (SQLite; Postgres/ has the same change for PostgreSQL).
-- SQLite cannot alter a CHECK constraint, and rebuilding safe_transactions needs foreign keys off, which cannot be
-- switched inside the migration's transaction. SQLite documents editing the stored table definition for loosening a
-- CHECK constraint (sqlite.org/lang_altertable.html, "writable_schema"): every existing row still satisfies it.
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, '''Cancelled''))', '''Cancelled'', ''Cancelling''))')
WHERE type = 'table' AND name = 'safe_transactions' AND sql NOT LIKE '%''Cancelling''%';
PRAGMA writable_schema = RESET;

-- Fails the migration unless the definition changed, and (being a schema change) bumps the schema cookie, so every
-- open connection reloads the new definition.
CREATE TABLE migration_0007_check (applied INTEGER NOT NULL CHECK (applied = 1));
INSERT INTO migration_0007_check (applied)
SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'safe_transactions' AND sql LIKE '%''Cancelling''%';
DROP TABLE migration_0007_check;
