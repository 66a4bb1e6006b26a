-- 060_scoring: GHOSTLY+ scores (scoring.md). The predecessor's scoring_configuration and performance_scores in their
-- September 2025 shape (the newest it had), plus two tables of this application: session_inputs (RPE, game points,
-- BFR per session and source, with who and when) and session_scores (the full result, uncapped, and the basis it
-- was computed from, so that a score whose analytics or inputs changed since is known to be stale).
CREATE TABLE IF NOT EXISTS scoring_configuration (
    id TEXT NOT NULL PRIMARY KEY,
    configuration_name TEXT NOT NULL,
    description TEXT,
    weight_compliance REAL NOT NULL DEFAULT 0.400,
    weight_symmetry REAL NOT NULL DEFAULT 0.250,
    weight_effort REAL NOT NULL DEFAULT 0.200,
    weight_game REAL NOT NULL DEFAULT 0.150,
    weight_completion REAL NOT NULL DEFAULT 0.333,
    weight_intensity REAL NOT NULL DEFAULT 0.333,
    weight_duration REAL NOT NULL DEFAULT 0.334,
    active INTEGER NOT NULL DEFAULT 0,
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    is_global INTEGER NOT NULL DEFAULT 0,
    rpe_mapping TEXT
);

CREATE TABLE IF NOT EXISTS performance_scores (
    id TEXT NOT NULL PRIMARY KEY,
    session_id TEXT NOT NULL UNIQUE REFERENCES therapy_sessions(id) ON DELETE CASCADE,
    overall_score REAL DEFAULT 0.0 CHECK (overall_score >= 0.0 AND overall_score <= 100.0),
    compliance_score REAL DEFAULT 0.0 CHECK (compliance_score >= 0.0 AND compliance_score <= 100.0),
    symmetry_score REAL CHECK (symmetry_score >= 0.0 AND symmetry_score <= 100.0),
    effort_score REAL CHECK (effort_score >= 0.0 AND effort_score <= 100.0),
    game_score REAL CHECK (game_score >= 0.0 AND game_score <= 100.0),
    left_muscle_compliance REAL CHECK (left_muscle_compliance >= 0.0 AND left_muscle_compliance <= 100.0),
    right_muscle_compliance REAL CHECK (right_muscle_compliance >= 0.0 AND right_muscle_compliance <= 100.0),
    completion_rate_left REAL CHECK (completion_rate_left >= 0.0 AND completion_rate_left <= 1.0),
    completion_rate_right REAL CHECK (completion_rate_right >= 0.0 AND completion_rate_right <= 1.0),
    intensity_rate_left REAL CHECK (intensity_rate_left >= 0.0 AND intensity_rate_left <= 1.0),
    intensity_rate_right REAL CHECK (intensity_rate_right >= 0.0 AND intensity_rate_right <= 1.0),
    duration_rate_left REAL CHECK (duration_rate_left >= 0.0 AND duration_rate_left <= 1.0),
    duration_rate_right REAL CHECK (duration_rate_right >= 0.0 AND duration_rate_right <= 1.0),
    bfr_compliant INTEGER NOT NULL DEFAULT 1,
    bfr_pressure_aop REAL CHECK (bfr_pressure_aop >= 0.0 AND bfr_pressure_aop <= 100.0),
    rpe_post_session INTEGER CHECK (rpe_post_session >= 0 AND rpe_post_session <= 10),
    game_points_achieved INTEGER CHECK (game_points_achieved >= 0),
    game_points_max INTEGER CHECK (game_points_max >= 0),
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    scoring_config_id TEXT NOT NULL REFERENCES scoring_configuration(id),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE session_inputs (
    session_id TEXT NOT NULL REFERENCES therapy_sessions(id) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (source IN ('therapist', 'recording', 'legacy-webhook')),
    rpe INTEGER CHECK (rpe >= 0 AND rpe <= 10),
    game_points_achieved INTEGER CHECK (game_points_achieved >= 0),
    game_points_max INTEGER CHECK (game_points_max >= 0),
    bfr_pressure_aop REAL CHECK (bfr_pressure_aop >= 0 AND bfr_pressure_aop <= 100),
    bfr_pressure_aop_left REAL CHECK (bfr_pressure_aop_left >= 0 AND bfr_pressure_aop_left <= 100),
    bfr_pressure_aop_right REAL CHECK (bfr_pressure_aop_right >= 0 AND bfr_pressure_aop_right <= 100),
    target_contractions_left INTEGER CHECK (target_contractions_left > 0),
    target_contractions_right INTEGER CHECK (target_contractions_right > 0),
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (session_id, source)
);

CREATE TABLE session_scores (
    session_id TEXT NOT NULL PRIMARY KEY REFERENCES therapy_sessions(id) ON DELETE CASCADE,
    profile TEXT NOT NULL,
    scoring_config_id TEXT NOT NULL,
    result TEXT NOT NULL,
    analytics_at TEXT,
    inputs_revision INTEGER NOT NULL,
    computed_at TEXT NOT NULL
);

INSERT INTO scoring_configuration (id, configuration_name, description, weight_compliance, weight_symmetry, weight_effort,
                                   weight_game, active, is_global, rpe_mapping)
SELECT '6a1f3c2e-0d4b-4c8e-9f3a-5b7d2e1c9a60', 'GHOSTLY-TRIAL-DEFAULT', 'Trial defaults of scoring.md §3 (created by migration 060)',
       0.50, 0.25, 0.25, 0.00, 1, 1,
       '{"0":{"score":10},"1":{"score":25},"2":{"score":50},"3":{"score":85},"4":{"score":100},"5":{"score":100},"6":{"score":75},"7":{"score":50},"8":{"score":25},"9":{"score":15},"10":{"score":10}}'
WHERE NOT EXISTS (SELECT 1 FROM scoring_configuration);
