-- 032_predecessor_types_and_privileges: the predecessor's column types where ours differed, and row-level
-- security for what this application creates on a database that has Supabase's roles.

-- 1. therapist_id is a uuid referencing therapists, as in every predecessor database (a database adopted from
--    one already has it; this converts fresh and earlier databases of this application). A value that is not
--    the uuid of a known therapist has no place in the column: it is kept in game_metadata.unresolved_therapist_id.
DO $types$
BEGIN
    IF (SELECT udt_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'therapy_sessions' AND column_name = 'therapist_id') <> 'text' THEN
        RETURN;
    END IF;

    CREATE TABLE IF NOT EXISTS therapists (
        id UUID NOT NULL DEFAULT gen_random_uuid(),
        user_id UUID NOT NULL UNIQUE,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        created_at TIMESTAMPTZ DEFAULT now(),
        CONSTRAINT therapists_pkey PRIMARY KEY (id)
    );

    UPDATE therapy_sessions ts
    SET game_metadata = COALESCE(ts.game_metadata, '{}'::jsonb) || jsonb_build_object('unresolved_therapist_id', ts.therapist_id),
        therapist_id = NULL
    WHERE ts.therapist_id IS NOT NULL
      AND (ts.therapist_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
           OR NOT EXISTS (SELECT 1 FROM therapists t WHERE t.id::text = lower(ts.therapist_id)));

    DROP VIEW IF EXISTS therapy_sessions_with_technical;
    ALTER TABLE therapy_sessions ALTER COLUMN therapist_id TYPE UUID USING therapist_id::uuid;
    ALTER TABLE therapy_sessions ADD CONSTRAINT fk_therapy_sessions_therapist FOREIGN KEY (therapist_id) REFERENCES therapists(id);
    CREATE VIEW therapy_sessions_with_technical AS
    SELECT
        ts.id, ts.file_path, ts.file_hash, ts.file_size_bytes, ts.original_filename,
        ts.patient_id, ts.therapist_id, ts.session_id, ts.session_date,
        ts.processing_status, ts.processing_error_message, ts.processing_time_ms,
        ts.analytics_cache, ts.cache_hits, ts.game_metadata,
        ts.created_at, ts.updated_at, ts.processed_at, ts.last_accessed_at,
        ctd.original_sampling_rate, ctd.original_duration_seconds, ctd.original_sample_count,
        ctd.channel_count, ctd.channel_names,
        ctd.sampling_rate, ctd.duration_seconds, ctd.frame_count,
        ctd.extracted_at
    FROM therapy_sessions ts
    LEFT JOIN c3d_technical_data ctd ON ctd.session_id = ts.id;
END
$types$;

-- 2. Supabase: its default grants give anon and authenticated every privilege on what is created in public.
--    Our bookkeeping tables get row-level security and no grants for them; c3d_technical_data gets row-level
--    security and the predecessor's policy (a row is visible with its session); the view reads with the caller's
--    rights (security_invoker), so therapy_sessions' own policies decide; our functions are not theirs to call.
DO $privileges$
DECLARE
    name TEXT;
    role_list TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
        RETURN;
    END IF;

    role_list := 'anon' || CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN ', authenticated' ELSE '' END;
    FOREACH name IN ARRAY ARRAY['schema_migrations', 'schema_adoption', 'processing_jobs', 'webhook_deliveries', 'therapists']
    LOOP
        IF to_regclass(name) IS NOT NULL
           AND (name <> 'therapists' OR NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('therapists') AND contype = 'f')) THEN
            EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', name);
            EXECUTE format('REVOKE ALL ON TABLE %I FROM %s', name, role_list);
        END IF;
    END LOOP;

    ALTER TABLE c3d_technical_data ENABLE ROW LEVEL SECURITY;
    REVOKE ALL ON TABLE c3d_technical_data FROM anon;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated')
       AND NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = 'c3d_technical_data') THEN
        CREATE POLICY "Access through visible sessions" ON c3d_technical_data FOR SELECT TO authenticated
            USING (session_id IN (SELECT ts.id FROM therapy_sessions ts));
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = 'therapy_sessions') THEN
        -- therapy_sessions is ours (a fresh database on Supabase): no policy, so only the service and the owner see it.
        ALTER TABLE therapy_sessions ENABLE ROW LEVEL SECURITY;
        EXECUTE format('REVOKE ALL ON TABLE therapy_sessions FROM %s', role_list);
    END IF;

    ALTER VIEW therapy_sessions_with_technical SET (security_invoker = true);
    REVOKE ALL ON TABLE therapy_sessions_with_technical FROM anon;
    EXECUTE format('REVOKE ALL ON FUNCTION emgs_touch_updated_at() FROM PUBLIC, %s', role_list);
END
$privileges$;
