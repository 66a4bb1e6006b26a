-- 050_people: patients, local user accounts and the audit trail (access.md §2-§4).
-- therapists and patients keep the predecessor's shapes: a database adopted from the predecessor keeps its own
-- tables and rows as they are (nothing is added to them); a fresh one gets the same tables. therapists already
-- exists (032) except on the September shape, whose therapists are user_profiles rows (patients.therapist_id
-- references them), so no therapists table is made there. On a fresh database, a patient may be created before it
-- has a therapist, names or date of birth (the predecessor required them): those columns accept NULL, and the
-- targets per side sit beside the September shape's MVC and duration targets.
DO $people$
DECLARE
    fresh_patients BOOLEAN := to_regclass('patients') IS NULL;
    name TEXT;
    role_list TEXT;
BEGIN
    IF fresh_patients THEN
        CREATE SEQUENCE IF NOT EXISTS patient_code_seq;
        CREATE TABLE patients (
            id UUID NOT NULL DEFAULT gen_random_uuid(),
            therapist_id UUID,
            patient_code TEXT NOT NULL DEFAULT ('P'::text || lpad((nextval('patient_code_seq'::regclass))::text, 3, '0'::text)) UNIQUE,
            first_name TEXT,
            last_name TEXT,
            date_of_birth DATE,
            treatment_start_date DATE,
            current_mvc75_ch1 DOUBLE PRECISION CHECK (current_mvc75_ch1 > 0),
            current_mvc75_ch2 DOUBLE PRECISION CHECK (current_mvc75_ch2 > 0),
            current_target_ch1_ms DOUBLE PRECISION CHECK (current_target_ch1_ms > 0),
            current_target_ch2_ms DOUBLE PRECISION CHECK (current_target_ch2_ms > 0),
            target_contractions_ch1 INTEGER CHECK (target_contractions_ch1 > 0),
            target_contractions_ch2 INTEGER CHECK (target_contractions_ch2 > 0),
            target_bfr_percent DOUBLE PRECISION CHECK (target_bfr_percent > 0 AND target_bfr_percent <= 100),
            created_at TIMESTAMPTZ DEFAULT now(),
            updated_at TIMESTAMPTZ DEFAULT now(),
            CONSTRAINT patients_pkey PRIMARY KEY (id),
            CONSTRAINT patients_therapist_id_fkey FOREIGN KEY (therapist_id) REFERENCES therapists(id)
        );
        CREATE INDEX idx_patients_therapist_id ON patients (therapist_id);
    END IF;

    -- Local accounts. Emails are unique whatever their case; a therapist account links to its therapist row (or,
    -- on the September shape, to its user_profiles row) by therapist_id, a Supabase user by supabase_user_id.
    CREATE TABLE users (
        id UUID NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        email TEXT NOT NULL CHECK (length(trim(email)) > 0),
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'therapist', 'researcher')),
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        therapist_id UUID,
        supabase_user_id UUID UNIQUE,
        failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
        locked_until TIMESTAMPTZ,
        last_sign_in_at TIMESTAMPTZ,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

    -- The audit trail: append-only. Any UPDATE, DELETE or TRUNCATE is refused by the triggers below.
    CREATE TABLE audit_events (
        id UUID NOT NULL PRIMARY KEY,
        at TIMESTAMPTZ NOT NULL,
        actor TEXT NOT NULL,
        actor_role TEXT,
        action TEXT NOT NULL,
        subject_type TEXT,
        subject_id TEXT,
        ip TEXT,
        details JSONB NOT NULL DEFAULT '{}'
    );
    CREATE INDEX idx_audit_events_at ON audit_events (at DESC, id DESC);
    CREATE INDEX idx_audit_events_subject ON audit_events (subject_type, subject_id);
    CREATE INDEX idx_audit_events_actor ON audit_events (actor);

    CREATE FUNCTION emgs_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $fn$;
    CREATE TRIGGER emgs_audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION emgs_audit_events_append_only();
    CREATE TRIGGER emgs_audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION emgs_audit_events_append_only();

    -- Supabase: what this migration creates gets row-level security and no grants for anon/authenticated (as 032).
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
        RETURN;
    END IF;

    role_list := 'anon' || CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN ', authenticated' ELSE '' END;
    FOREACH name IN ARRAY CASE WHEN fresh_patients THEN ARRAY['users', 'audit_events', 'patients'] ELSE ARRAY['users', 'audit_events'] END
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', name);
        EXECUTE format('REVOKE ALL ON TABLE %I FROM %s', name, role_list);
    END LOOP;

    IF fresh_patients THEN
        EXECUTE format('REVOKE ALL ON SEQUENCE patient_code_seq FROM %s', role_list);
    END IF;

    EXECUTE format('REVOKE ALL ON FUNCTION emgs_audit_events_append_only() FROM PUBLIC, %s', role_list);
END
$people$;
