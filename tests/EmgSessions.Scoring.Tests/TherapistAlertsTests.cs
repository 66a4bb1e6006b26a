namespace EmgSessions.Scoring.Tests;

/// <summary>Therapist alerts (scoring.md §5): each fires on a constructed history and explains itself.</summary>
public sealed class TherapistAlertsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 9, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_history_without_problems_raises_no_alert()
    {
        var sessions = History.Completed(21, 7);

        var alerts = TherapistAlerts.Detect(History.Patient, History.Start, sessions, History.Day(7), Noon);

        Assert.Empty(alerts);
    }

    [Fact]
    public void Adherence_below_70_percent_raises_an_alert_naming_the_counts()
    {
        var sessions = History.Completed(10, 7);

        var alert = Assert.Single(TherapistAlerts.Detect(History.Patient, History.Start, sessions, History.Day(7), Noon));

        Assert.Equal(AlertKind.LowAdherence, alert.Kind);
        Assert.Equal("Adherence 66.7 % is below 70 %: 10 completed game sessions by treatment day 7, 15 expected.", alert.Reason);
        Assert.Equal(sessions.Select(s => s.SessionId).Order(), alert.SessionIds.Order());
    }

    [Fact]
    public void Three_days_without_a_session_during_treatment_raise_an_alert_with_the_last_session()
    {
        var sessions = History.Completed(15, 4);
        var last = sessions.Last(s => s.Date == History.Day(4));

        var alerts = TherapistAlerts.Detect(History.Patient, History.Start, sessions, History.Day(7), Noon);
        var twoDays = TherapistAlerts.Detect(History.Patient, History.Start, sessions, History.Day(6), Noon);
        var afterTreatment = TherapistAlerts.Detect(History.Patient, History.Start, History.Completed(40, 4), History.Day(20), Noon);

        var alert = Assert.Single(alerts, a => a.Kind == AlertKind.NoRecentSession);
        Assert.Equal("No session for 3 days: the last was on 2026-03-05.", alert.Reason);
        Assert.Equal([last.SessionId], alert.SessionIds);
        Assert.DoesNotContain(twoDays, a => a.Kind == AlertKind.NoRecentSession);
        Assert.DoesNotContain(afterTreatment, a => a.Kind == AlertKind.NoRecentSession);
    }

    [Fact]
    public void No_session_at_all_since_the_start_is_an_absence_too()
    {
        var alerts = TherapistAlerts.Detect(History.Patient, History.Start, [], History.Day(3), Noon);

        Assert.Contains(alerts, a => a.Kind == AlertKind.NoRecentSession && a.Reason == "No session for 3 days: none since the treatment started on 2026-03-02.");
    }

    [Fact]
    public void A_declining_overall_trend_raises_an_alert_with_the_six_sessions_behind_it()
    {
        double[] overall = [90, 85, 88, 90, 80, 70, 70];
        var sessions = overall.Select((o, i) => History.Session(i + 1, overall: o)).ToList();

        var alert = Assert.Single(TherapistAlerts.Detect(History.Patient, null, sessions, History.Day(7), Noon));

        Assert.Equal(AlertKind.DecliningOverallTrend, alert.Kind);
        Assert.Equal("The overall score is declining: the last 3 sessions average 73.3, the 3 before 87.7 (-16.3 %).", alert.Reason);
        Assert.Equal(sessions.Skip(1).Select(s => s.SessionId), alert.SessionIds);
    }

    [Fact]
    public void RPE_8_or_more_raises_an_alert_per_session_and_7_does_not()
    {
        var hard = History.Session(1, inputs: new ScoringInputs { Rpe = 8 });
        var fine = History.Session(1, inputs: new ScoringInputs { Rpe = 7 });

        var alert = Assert.Single(TherapistAlerts.Detect(History.Patient, null, [hard, fine], History.Day(1), Noon));

        Assert.Equal(AlertKind.HighRpe, alert.Kind);
        Assert.Equal("RPE 8 after the session of 2026-03-02 (≥ 8: risk of overexertion).", alert.Reason);
        Assert.Equal([hard.SessionId], alert.SessionIds);
    }

    [Fact]
    public void BFR_outside_its_window_raises_an_alert_naming_the_pressures()
    {
        var unsafeSession = History.Session(2, inputs: new ScoringInputs { BfrPressureAopLeft = 50, BfrPressureAopRight = 58.5 });
        var safe = History.Session(2, inputs: new ScoringInputs { BfrPressureAop = 55 });

        var alert = Assert.Single(TherapistAlerts.Detect(History.Patient, null, [unsafeSession, safe], History.Day(2), Noon));

        Assert.Equal(AlertKind.BfrOutOfWindow, alert.Kind);
        Assert.Equal("BFR pressure outside 45–55 % AOP in the session of 2026-03-03: 58.5 % AOP (right).", alert.Reason);
        Assert.Equal([unsafeSession.SessionId], alert.SessionIds);
    }

    [Fact]
    public void A_failed_session_raises_an_alert_with_its_error()
    {
        var failed = History.Session(1, status: SessionStatus.Failed) with { ErrorMessage = "Not a C3D file (bad header byte 1)" };

        var alert = Assert.Single(TherapistAlerts.Detect(History.Patient, null, [failed], History.Day(1), Noon));

        Assert.Equal(AlertKind.FailedSession, alert.Kind);
        Assert.Equal("The session of 2026-03-02 failed: Not a C3D file (bad header byte 1).", alert.Reason);
    }

    [Fact]
    public void A_failed_sessions_error_that_ends_a_sentence_is_not_followed_by_a_second_full_stop()
    {
        var failed = History.Session(1, status: SessionStatus.Failed) with { ErrorMessage = "The recording holds no samples: the upload is incomplete." };

        var alert = Assert.Single(TherapistAlerts.Detect(History.Patient, null, [failed], History.Day(1), Noon));

        Assert.Equal("The session of 2026-03-02 failed: The recording holds no samples: the upload is incomplete.", alert.Reason);
    }

    [Fact]
    public void A_session_processing_for_longer_than_an_hour_is_stuck_and_a_recent_one_is_not()
    {
        var stuck = History.Session(7, status: SessionStatus.Processing) with { StatusSince = Noon.AddMinutes(-90) };
        var recent = History.Session(7, status: SessionStatus.Pending) with { StatusSince = Noon.AddMinutes(-30) };

        var alert = Assert.Single(TherapistAlerts.Detect(History.Patient, null, [stuck, recent], History.Day(7), Noon));

        Assert.Equal(AlertKind.StuckSession, alert.Kind);
        Assert.Equal("The session of 2026-03-08 has been processing for 90 minutes (more than 60).", alert.Reason);
        Assert.Equal([stuck.SessionId], alert.SessionIds);
    }

    [Fact]
    public void Another_patients_sessions_never_raise_or_prevent_an_alert()
    {
        var sessions = History.Completed(10, 7);
        sessions.AddRange(History.Completed(30, 7, History.OtherPatient));
        sessions.Add(History.Session(7, History.OtherPatient, SessionStatus.Failed));
        sessions.Add(History.Session(7, History.OtherPatient, inputs: new ScoringInputs { Rpe = 10, BfrPressureAop = 80 }));

        var alerts = TherapistAlerts.Detect(History.Patient, History.Start, sessions, History.Day(7), Noon);

        var alert = Assert.Single(alerts);
        Assert.Equal(AlertKind.LowAdherence, alert.Kind);
        Assert.Contains("10 completed game sessions", alert.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_come_from_the_rules()
    {
        var session = History.Session(1, inputs: new ScoringInputs { Rpe = 6 });

        var alerts = TherapistAlerts.Detect(History.Patient, null, [session], History.Day(1), Noon, AlertRules.Default with { RpeAtLeast = 6 });

        Assert.Equal(AlertKind.HighRpe, Assert.Single(alerts).Kind);
    }
}
