using EmgSessions.Core.Webhooks;

namespace EmgSessions.Core.Tests.Webhooks;

public sealed class SessionPathConventionsTests
{
    [Fact]
    public void Reads_patient_session_and_date_from_the_usual_path()
    {
        var info = SessionPathConventions.Derive("P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d", TimeZoneInfo.Utc);

        Assert.Equal(
            new SessionPathInfo("Ghostly_Emg_20230321_17-50-17-0881.c3d", "P005", "session1", new DateTimeOffset(2023, 3, 21, 17, 50, 17, TimeSpan.Zero), null),
            info);
        Assert.Equal("{}", info.GameMetadataJson);
    }

    [Fact]
    public void A_first_folder_that_is_not_a_patient_code_becomes_a_hint()
    {
        var info = SessionPathConventions.Derive("clinic-7/Ghostly_Emg_20250310_11-46-23-0823.c3d", TimeZoneInfo.Utc);

        Assert.Null(info.PatientId);
        Assert.Null(info.SessionCode);
        Assert.Equal("clinic-7", info.PathPatientHint);
        Assert.Equal("""{"path_patient_hint":"clinic-7"}""", info.GameMetadataJson);
    }

    [Fact]
    public void The_second_folder_is_the_session_even_under_a_hint_folder()
    {
        var info = SessionPathConventions.Derive("p5/s2/x.c3d", TimeZoneInfo.Utc);

        Assert.Equal(("p5", "s2", (string?)null), (info.PathPatientHint, info.SessionCode, info.PatientId));
    }

    [Theory]
    [InlineData("P005/x.c3d", "P005", null)]
    [InlineData("P1/a/b/c/x.c3d", "P1", "a")]
    [InlineData("x.c3d", null, null)]
    [InlineData("PX5/s/x.c3d", null, "s")]
    [InlineData("P/s/x.c3d", null, "s")]
    public void Patient_codes_are_P_and_digits_and_the_session_needs_three_segments(string key, string? patient, string? session)
    {
        var info = SessionPathConventions.Derive(key, TimeZoneInfo.Utc);

        Assert.Equal(patient, info.PatientId);
        Assert.Equal(session, info.SessionCode);
    }

    [Fact]
    public void The_file_name_date_is_read_in_the_configured_zone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var winter = SessionPathConventions.DateFromFileName("Ghostly_Emg_20230321_17-50-17-0881.c3d", berlin);
        var summer = SessionPathConventions.DateFromFileName("Ghostly_Emg_20230721_17-50-17-0881.c3d", berlin);

        Assert.Equal(new DateTimeOffset(2023, 3, 21, 16, 50, 17, TimeSpan.Zero), winter);
        Assert.Equal(new DateTimeOffset(2023, 7, 21, 15, 50, 17, TimeSpan.Zero), summer);
    }

    [Theory]
    [InlineData("Ghostly_Emg_20231321_17-50-17-0881.c3d")]
    [InlineData("Ghostly_Emg_20230230_17-50-17-0881.c3d")]
    [InlineData("Ghostly_Emg_20230321_25-50-17-0881.c3d")]
    [InlineData("Ghostly_Emg_20230321_17-50-17.c3d")]
    [InlineData("recording.c3d")]
    [InlineData("Ghostly_Emg_20230321_17-50-17-0881.c3d.bak")]
    public void Invalid_or_absent_file_name_dates_give_no_date(string fileName)
    {
        Assert.Null(SessionPathConventions.DateFromFileName(fileName, TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_local_time_skipped_by_daylight_saving_gives_no_date()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.Null(SessionPathConventions.DateFromFileName("Ghostly_Emg_20230326_02-30-00-0000.c3d", berlin));
    }

    [Fact]
    public void The_extension_is_matched_case_insensitively()
    {
        Assert.NotNull(SessionPathConventions.DateFromFileName("ghostly_emg_20230321_17-50-17-0881.C3D", TimeZoneInfo.Utc));
    }
}
