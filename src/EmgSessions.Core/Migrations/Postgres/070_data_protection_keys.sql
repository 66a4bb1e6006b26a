-- 070_data_protection_keys: the key ring of ASP.NET Core Data Protection, which protects the session cookie
-- (emgs.session) and antiforgery tokens. Kept in the database, so that a restart keeps everyone signed in and every
-- process on one database accepts the cookies the others issued. One row per XML element the key manager stores
-- (a key or a revocation), never changed once written.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    friendly_name TEXT NOT NULL PRIMARY KEY,
    xml TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Supabase: these keys sign every session, so anon and authenticated get row-level security and no grants (as 032).
DO $privileges$
DECLARE
    role_list TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
        RETURN;
    END IF;

    role_list := 'anon' || CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN ', authenticated' ELSE '' END;
    ALTER TABLE data_protection_keys ENABLE ROW LEVEL SECURITY;
    EXECUTE format('REVOKE ALL ON TABLE data_protection_keys FROM %s', role_list);
END
$privileges$;
