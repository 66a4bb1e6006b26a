using EmgSessions.Core.Access;

namespace EmgSessions.Core.Tests.Access;

public sealed class PseudonymiserTests
{
    private static readonly Guid Therapist = Guid.Parse("0b6c1f1e-0000-4000-8000-00000000000a");

    private static readonly PatientView Patient = new(
        "P007", Therapist, "Maria", "Janssens", new DateOnly(1956, 6, 15), null, new DateOnly(2025, 1, 6), "Knee surgery on 2 Jan; anxious about pain");

    [Fact]
    public void A_pseudonymised_patient_keeps_the_code_and_loses_names_birth_date_and_notes()
    {
        var view = Pseudonymiser.Patient(Patient, new DateOnly(2026, 6, 14));

        Assert.Equal(
            new PatientView("P007", Therapist, null, null, null, 69, new DateOnly(2025, 1, 6), null, Pseudonymised: true),
            view);
    }

    [Fact]
    public void A_pseudonymised_session_hides_its_notes_and_pseudonymises_its_patient()
    {
        var session = new SessionView("42", "P007", new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), "Patient said her husband left", Patient);

        var view = Pseudonymiser.Session(session, new DateOnly(2026, 6, 15));

        Assert.Null(view.Notes);
        Assert.True(view.Pseudonymised);
        Assert.Equal("P007", view.PatientCode);
        Assert.Equal(session.RecordedAt, view.RecordedAt);
        Assert.NotNull(view.Patient);
        Assert.Null(view.Patient.FirstName);
        Assert.Null(view.Patient.LastName);
        Assert.Null(view.Patient.DateOfBirth);
        Assert.Equal(70, view.Patient.AgeYears);
        var text = view.ToString();
        Assert.DoesNotContain("Maria", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Janssens", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1956", text, StringComparison.Ordinal);
        Assert.DoesNotContain("husband", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unassigned_session_is_pseudonymised_without_a_patient()
    {
        var view = Pseudonymiser.Session(new SessionView("7", "P999", null, "note", null), new DateOnly(2026, 1, 1));

        Assert.Equal(new SessionView("7", "P999", null, null, null, Pseudonymised: true), view);
    }

    [Fact]
    public void A_patient_without_a_birth_date_keeps_an_unknown_age()
    {
        var view = Pseudonymiser.Patient(Patient with { DateOfBirth = null }, new DateOnly(2026, 1, 1));

        Assert.Null(view.AgeYears);
        Assert.Null(view.DateOfBirth);
    }

    [Theory]
    [InlineData("1956-06-15", "2026-06-14", 69)]
    [InlineData("1956-06-15", "2026-06-15", 70)]
    [InlineData("1956-06-15", "2026-12-31", 70)]
    [InlineData("2000-02-29", "2001-02-27", 0)]
    [InlineData("2000-02-29", "2001-02-28", 1)]
    [InlineData("2000-02-29", "2004-02-28", 3)]
    [InlineData("2000-02-29", "2004-02-29", 4)]
    [InlineData("2026-01-01", "2026-01-01", 0)]
    public void Age_counts_whole_years_once_the_birthday_is_reached(string born, string asOf, int expected)
    {
        Assert.Equal(expected, Pseudonymiser.AgeInWholeYears(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_birth_date_in_the_future_gives_an_unknown_age_not_a_negative_one()
    {
        Assert.Null(Pseudonymiser.AgeInWholeYears(new DateOnly(2030, 1, 1), new DateOnly(2026, 1, 1)));
    }
}
