-- 060_scoring: GHOSTLY+ scores (scoring.md). On an adopted database the predecessor's scoring_configuration and
-- performance_scores are used as they are; the August shapes get the nullable columns its own September schema added
-- (scoring_configuration.is_global/rpe_mapping, performance_scores.scoring_config_id/updated_at) and, as September did,
-- overall_score and compliance_score accept NULL (a score whose inputs are unknown is not 0). A fresh database gets the
-- September shape. Two tables of this application: session_inputs (RPE, game points, BFR per session and source, with
-- who and when) and session_scores (the full result, uncapped, and the basis it was computed from, so that a score
-- whose analytics or inputs changed since is known to be stale).
CREATE TEMP TABLE emgs_060_adopted ON COMMIT DROP AS
SELECT c.relname::text AS name FROM pg_class c
WHERE c.relnamespace = current_schema()::regnamespace AND c.relname IN ('scoring_configuration', 'performance_scores');

CREATE TABLE IF NOT EXISTS scoring_configuration (
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    configuration_name TEXT NOT NULL,
    description TEXT,
    weight_compliance NUMERIC NOT NULL DEFAULT 0.400,
    weight_symmetry NUMERIC NOT NULL DEFAULT 0.250,
    weight_effort NUMERIC NOT NULL DEFAULT 0.200,
    weight_game NUMERIC NOT NULL DEFAULT 0.150,
    weight_completion NUMERIC NOT NULL DEFAULT 0.333,
    weight_intensity NUMERIC NOT NULL DEFAULT 0.333,
    weight_duration NUMERIC NOT NULL DEFAULT 0.334,
    active BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ DEFAULT now(),
    updated_at TIMESTAMPTZ DEFAULT now(),
    is_global BOOLEAN NOT NULL DEFAULT false,
    rpe_mapping JSONB,
    CONSTRAINT scoring_configuration_pkey PRIMARY KEY (id)
);
ALTER TABLE scoring_configuration ADD COLUMN IF NOT EXISTS is_global BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE scoring_configuration ADD COLUMN IF NOT EXISTS rpe_mapping JSONB;

CREATE TABLE IF NOT EXISTS performance_scores (
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    session_id UUID NOT NULL UNIQUE,
    overall_score DOUBLE PRECISION DEFAULT 0.0 CHECK (overall_score >= 0.0 AND overall_score <= 100.0),
    compliance_score DOUBLE PRECISION DEFAULT 0.0 CHECK (compliance_score >= 0.0 AND compliance_score <= 100.0),
    symmetry_score DOUBLE PRECISION CHECK (symmetry_score >= 0.0 AND symmetry_score <= 100.0),
    effort_score DOUBLE PRECISION CHECK (effort_score >= 0.0 AND effort_score <= 100.0),
    game_score DOUBLE PRECISION CHECK (game_score >= 0.0 AND game_score <= 100.0),
    left_muscle_compliance DOUBLE PRECISION CHECK (left_muscle_compliance >= 0.0 AND left_muscle_compliance <= 100.0),
    right_muscle_compliance DOUBLE PRECISION CHECK (right_muscle_compliance >= 0.0 AND right_muscle_compliance <= 100.0),
    completion_rate_left DOUBLE PRECISION CHECK (completion_rate_left >= 0.0 AND completion_rate_left <= 1.0),
    completion_rate_right DOUBLE PRECISION CHECK (completion_rate_right >= 0.0 AND completion_rate_right <= 1.0),
    intensity_rate_left DOUBLE PRECISION CHECK (intensity_rate_left >= 0.0 AND intensity_rate_left <= 1.0),
    intensity_rate_right DOUBLE PRECISION CHECK (intensity_rate_right >= 0.0 AND intensity_rate_right <= 1.0),
    duration_rate_left DOUBLE PRECISION CHECK (duration_rate_left >= 0.0 AND duration_rate_left <= 1.0),
    duration_rate_right DOUBLE PRECISION CHECK (duration_rate_right >= 0.0 AND duration_rate_right <= 1.0),
    bfr_compliant BOOLEAN NOT NULL DEFAULT true,
    bfr_pressure_aop DOUBLE PRECISION CHECK (bfr_pressure_aop >= 0.0 AND bfr_pressure_aop <= 100.0),
    rpe_post_session INTEGER CHECK (rpe_post_session >= 0 AND rpe_post_session <= 10),
    game_points_achieved INTEGER CHECK (game_points_achieved >= 0),
    game_points_max INTEGER CHECK (game_points_max >= 0),
    created_at TIMESTAMPTZ DEFAULT now(),
    scoring_config_id UUID NOT NULL,
    updated_at TIMESTAMPTZ DEFAULT now(),
    CONSTRAINT performance_scores_pkey PRIMARY KEY (id),
    CONSTRAINT performance_scores_scoring_config_id_fkey FOREIGN KEY (scoring_config_id) REFERENCES scoring_configuration(id),
    CONSTRAINT performance_scores_session_id_fkey FOREIGN KEY (session_id) REFERENCES therapy_sessions(id)
);
ALTER TABLE performance_scores ADD COLUMN IF NOT EXISTS scoring_config_id UUID REFERENCES scoring_configuration(id);
ALTER TABLE performance_scores ADD COLUMN IF NOT EXISTS updated_at TIMESTAMPTZ DEFAULT now();
ALTER TABLE performance_scores ALTER COLUMN overall_score DROP NOT NULL;
ALTER TABLE performance_scores ALTER COLUMN compliance_score DROP NOT NULL;
CREATE INDEX IF NOT EXISTS idx_performance_scores_session ON performance_scores (session_id);

CREATE TABLE session_inputs (
    session_id UUID NOT NULL REFERENCES therapy_sessions(id) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (source IN ('therapist', 'recording', 'legacy-webhook')),
    rpe INTEGER CHECK (rpe >= 0 AND rpe <= 10),
    game_points_achieved INTEGER CHECK (game_points_achieved >= 0),
    game_points_max INTEGER CHECK (game_points_max >= 0),
    bfr_pressure_aop DOUBLE PRECISION CHECK (bfr_pressure_aop >= 0 AND bfr_pressure_aop <= 100),
    bfr_pressure_aop_left DOUBLE PRECISION CHECK (bfr_pressure_aop_left >= 0 AND bfr_pressure_aop_left <= 100),
    bfr_pressure_aop_right DOUBLE PRECISION CHECK (bfr_pressure_aop_right >= 0 AND bfr_pressure_aop_right <= 100),
    target_contractions_left INTEGER CHECK (target_contractions_left > 0),
    target_contractions_right INTEGER CHECK (target_contractions_right > 0),
    entered_by TEXT NOT NULL,
    entered_at TIMESTAMPTZ NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (session_id, source)
);

CREATE TABLE session_scores (
    session_id UUID NOT NULL PRIMARY KEY REFERENCES therapy_sessions(id) ON DELETE CASCADE,
    profile TEXT NOT NULL,
    scoring_config_id UUID NOT NULL,
    result JSONB NOT NULL,
    analytics_at TIMESTAMPTZ,
    inputs_revision INTEGER NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL
);

INSERT INTO scoring_configuration (id, configuration_name, description, weight_compliance, weight_symmetry, weight_effort,
                                   weight_game, active, is_global, rpe_mapping)
SELECT '6a1f3c2e-0d4b-4c8e-9f3a-5b7d2e1c9a60', 'GHOSTLY-TRIAL-DEFAULT', 'Trial defaults of scoring.md §3 (created by migration 060)',
       0.50, 0.25, 0.25, 0.00, true, true,
       '{"0":{"score":10},"1":{"score":25},"2":{"score":50},"3":{"score":85},"4":{"score":100},"5":{"score":100},"6":{"score":75},"7":{"score":50},"8":{"score":25},"9":{"score":15},"10":{"score":10}}'::jsonb
WHERE NOT EXISTS (SELECT 1 FROM scoring_configuration);

-- Supabase: our tables get row-level security and no grants for anon/authenticated (as 032). scoring_configuration and
-- performance_scores too when this migration created them (an adopted database keeps its own rules on its tables).
DO $privileges$
DECLARE
    tbl TEXT;
    role_list TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
        RETURN;
    END IF;

    role_list := 'anon' || CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN ', authenticated' ELSE '' END;
    FOREACH tbl IN ARRAY ARRAY['session_inputs', 'session_scores', 'scoring_configuration', 'performance_scores']
    LOOP
        IF NOT EXISTS (SELECT 1 FROM emgs_060_adopted a WHERE a.name = tbl) THEN
            EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tbl);
            EXECUTE format('REVOKE ALL ON TABLE %I FROM %s', tbl, role_list);
        END IF;
    END LOOP;
END
$privileges$;
