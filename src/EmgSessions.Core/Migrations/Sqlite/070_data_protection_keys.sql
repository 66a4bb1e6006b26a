-- 070_data_protection_keys: the key ring of ASP.NET Core Data Protection, which protects the session cookie
-- (emgs.session) and antiforgery tokens. Kept in the database, so that a restart keeps everyone signed in. One row per
-- XML element the key manager stores (a key or a revocation), never changed once written.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    friendly_name TEXT NOT NULL PRIMARY KEY,
    xml TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
