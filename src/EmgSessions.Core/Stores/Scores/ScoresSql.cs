namespace EmgSessions.Core.Stores.Scores;

/// <summary>The scoring statements both engines accept as written (named <c>@</c> parameters).</summary>
internal static class ScoresSql
{
    public const string ListConfigurations = """
        SELECT id, configuration_name, description, weight_compliance, weight_symmetry, weight_effort, weight_game,
               weight_completion, weight_intensity, weight_duration, active, created_at, is_global, rpe_mapping
        FROM scoring_configuration
        ORDER BY created_at, id
        """;

    public const string InsertConfiguration = """
        INSERT INTO scoring_configuration (
            id, configuration_name, description, weight_compliance, weight_symmetry, weight_effort, weight_game,
            weight_completion, weight_intensity, weight_duration, active, created_at, updated_at, is_global, rpe_mapping)
        VALUES (@id, @name, @description, @compliance, @symmetry, @effort, @game, @completion, @intensity, @duration,
                @active, @now, @now, @is_global, @rpe_mapping)
        """;

    public const string ConfigurationName = """
        SELECT configuration_name FROM scoring_configuration WHERE id = @id
        """;

    /// <summary>Only the flag changes: the weights of a version never do.</summary>
    public const string ActivateOnly = """
        UPDATE scoring_configuration SET active = (id = @id) WHERE configuration_name = @name
        """;

    public const string SessionExists = """
        SELECT 1 FROM therapy_sessions WHERE id = @id
        """;

    public const string Inputs = """
        SELECT source, rpe, game_points_achieved, game_points_max, bfr_pressure_aop, bfr_pressure_aop_left,
               bfr_pressure_aop_right, target_contractions_left, target_contractions_right, entered_by, entered_at
        FROM session_inputs WHERE session_id = @id
        """;

    public const string MergeInputs = """
        INSERT INTO session_inputs (
            session_id, source, rpe, game_points_achieved, game_points_max, bfr_pressure_aop, bfr_pressure_aop_left,
            bfr_pressure_aop_right, target_contractions_left, target_contractions_right, entered_by, entered_at, revision)
        VALUES (@id, @source, @rpe, @achieved, @max, @bfr, @bfr_left, @bfr_right, @target_left, @target_right,
                @entered_by, @entered_at, 1)
        ON CONFLICT (session_id, source) DO UPDATE SET
            rpe = COALESCE(excluded.rpe, session_inputs.rpe),
            game_points_achieved = COALESCE(excluded.game_points_achieved, session_inputs.game_points_achieved),
            game_points_max = COALESCE(excluded.game_points_max, session_inputs.game_points_max),
            bfr_pressure_aop = COALESCE(excluded.bfr_pressure_aop, session_inputs.bfr_pressure_aop),
            bfr_pressure_aop_left = COALESCE(excluded.bfr_pressure_aop_left, session_inputs.bfr_pressure_aop_left),
            bfr_pressure_aop_right = COALESCE(excluded.bfr_pressure_aop_right, session_inputs.bfr_pressure_aop_right),
            target_contractions_left = COALESCE(excluded.target_contractions_left, session_inputs.target_contractions_left),
            target_contractions_right = COALESCE(excluded.target_contractions_right, session_inputs.target_contractions_right),
            entered_by = excluded.entered_by,
            entered_at = excluded.entered_at,
            revision = session_inputs.revision + 1
        """;

    public const string Basis = """
        SELECT ts.processed_at, (SELECT COALESCE(SUM(si.revision), 0) FROM session_inputs si WHERE si.session_id = ts.id)
        FROM therapy_sessions ts WHERE ts.id = @id
        """;

    /// <summary>The predecessor's table has no unique session on its August shape: one row per session by delete + insert.</summary>
    public const string DeletePerformanceScores = """
        DELETE FROM performance_scores WHERE session_id = @id
        """;

    public const string InsertPerformanceScore = """
        INSERT INTO performance_scores (
            id, session_id, overall_score, compliance_score, symmetry_score, effort_score, game_score,
            left_muscle_compliance, right_muscle_compliance, completion_rate_left, completion_rate_right,
            intensity_rate_left, intensity_rate_right, duration_rate_left, duration_rate_right,
            bfr_compliant, bfr_pressure_aop, rpe_post_session, game_points_achieved, game_points_max,
            created_at, scoring_config_id, updated_at)
        VALUES (@row_id, @id, @overall, @compliance, @symmetry, @effort, @game, @left, @right, @completion_left, @completion_right,
                @intensity_left, @intensity_right, @duration_left, @duration_right,
                @bfr_compliant, @bfr, @rpe, @achieved, @max, @now, @config_id, @now)
        """;

    public const string UpsertSessionScore = """
        INSERT INTO session_scores (session_id, profile, scoring_config_id, result, analytics_at, inputs_revision, computed_at)
        VALUES (@id, @profile, @config_id, @result, @analytics_at, @inputs_revision, @now)
        ON CONFLICT (session_id) DO UPDATE SET
            profile = excluded.profile,
            scoring_config_id = excluded.scoring_config_id,
            result = excluded.result,
            analytics_at = excluded.analytics_at,
            inputs_revision = excluded.inputs_revision,
            computed_at = excluded.computed_at
        """;

    public const string OwnScore = """
        SELECT ss.profile, ss.scoring_config_id, ss.result, ss.computed_at, ss.analytics_at, ss.inputs_revision,
               ts.processed_at, (SELECT COALESCE(SUM(si.revision), 0) FROM session_inputs si WHERE si.session_id = ts.id)
        FROM session_scores ss JOIN therapy_sessions ts ON ts.id = ss.session_id
        WHERE ss.session_id = @id
        """;

    /// <summary>
    /// The predecessor's newest row of a session without a score of ours. Read in a statement after <see cref="OwnScore"/>:
    /// the guard keeps a first score that commits between the two (both rows in one transaction) from being read back as
    /// the predecessor's.
    /// </summary>
    public const string PredecessorScore = """
        SELECT overall_score, compliance_score, symmetry_score, effort_score, game_score,
               left_muscle_compliance, right_muscle_compliance, completion_rate_left, completion_rate_right,
               intensity_rate_left, intensity_rate_right, duration_rate_left, duration_rate_right,
               bfr_compliant, bfr_pressure_aop, rpe_post_session, game_points_achieved, game_points_max,
               scoring_config_id, created_at
        FROM performance_scores ps
        WHERE ps.session_id = @id AND NOT EXISTS (SELECT 1 FROM session_scores ss WHERE ss.session_id = ps.session_id)
        ORDER BY created_at DESC
        LIMIT 1
        """;

    /// <summary><see cref="Inputs"/> of many sessions, the session first; <c>{0}</c> is the engine's set of the ids in <c>@ids</c>.</summary>
    public const string InputsOfFormat = """
        SELECT session_id, source, rpe, game_points_achieved, game_points_max, bfr_pressure_aop, bfr_pressure_aop_left,
               bfr_pressure_aop_right, target_contractions_left, target_contractions_right, entered_by, entered_at
        FROM session_inputs WHERE session_id IN ({0})
        """;

    /// <summary><see cref="OwnScore"/> of many sessions, the session last; <c>{0}</c> is the engine's set of the ids in <c>@ids</c>.</summary>
    public const string OwnScoresFormat = """
        SELECT ss.profile, ss.scoring_config_id, ss.result, ss.computed_at, ss.analytics_at, ss.inputs_revision,
               ts.processed_at, (SELECT COALESCE(SUM(si.revision), 0) FROM session_inputs si WHERE si.session_id = ts.id),
               ss.session_id
        FROM session_scores ss JOIN therapy_sessions ts ON ts.id = ss.session_id
        WHERE ss.session_id IN ({0})
        """;

    /// <summary>
    /// <see cref="PredecessorScore"/> of many sessions without one of ours: each session's rows newest first (the first
    /// row of a session is its score), the session last; <c>{0}</c> is the engine's set of the ids in <c>@ids</c>.
    /// </summary>
    public const string PredecessorScoresFormat = """
        SELECT overall_score, compliance_score, symmetry_score, effort_score, game_score,
               left_muscle_compliance, right_muscle_compliance, completion_rate_left, completion_rate_right,
               intensity_rate_left, intensity_rate_right, duration_rate_left, duration_rate_right,
               bfr_compliant, bfr_pressure_aop, rpe_post_session, game_points_achieved, game_points_max,
               scoring_config_id, created_at, session_id
        FROM performance_scores ps
        WHERE ps.session_id IN ({0}) AND NOT EXISTS (SELECT 1 FROM session_scores ss WHERE ss.session_id = ps.session_id)
        ORDER BY session_id, created_at DESC
        """;

    /// <summary>
    /// Completed sessions to score: ours with another basis; none of ours and no predecessor row; none of ours but inputs
    /// entered (a predecessor row is replaced once inputs change). <c>{0}</c> is the engine's null-safe "differs".
    /// </summary>
    public const string StaleSessionsFormat = """
        SELECT ts.id FROM therapy_sessions ts
        LEFT JOIN session_scores ss ON ss.session_id = ts.id
        WHERE ts.processing_status = 'completed' AND (
            (ss.session_id IS NULL AND (NOT EXISTS (SELECT 1 FROM performance_scores ps WHERE ps.session_id = ts.id)
                                        OR EXISTS (SELECT 1 FROM session_inputs si WHERE si.session_id = ts.id)))
            OR (ss.session_id IS NOT NULL AND ({0}
                OR ss.inputs_revision <> (SELECT COALESCE(SUM(si.revision), 0) FROM session_inputs si WHERE si.session_id = ts.id))))
        ORDER BY ts.processed_at
        LIMIT @limit
        """;
}
