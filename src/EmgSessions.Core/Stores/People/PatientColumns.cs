namespace EmgSessions.Core.Stores.People;

/// <summary>
/// The columns of <c>patients</c> this database really has, and where its therapists live. A fresh database has
/// every column; an adopted one is used as it is: the predecessor's August shapes have names and date of birth but no
/// targets, its September shape targets (MVC, duration) but no names, and therapists in <c>user_profiles</c>.
/// </summary>
internal sealed class PatientColumns
{
    /// <summary>The optional columns, in the order <see cref="PeopleStore"/> reads them.</summary>
    public static readonly string[] Optional =
    [
        "first_name", "last_name", "date_of_birth", "treatment_start_date",
        "current_mvc75_ch1", "current_mvc75_ch2", "current_target_ch1_ms", "current_target_ch2_ms",
        "target_contractions_ch1", "target_contractions_ch2", "target_bfr_percent",
        "created_at", "updated_at",
    ];

    private readonly HashSet<string> _present;

    public PatientColumns(IEnumerable<string> present, bool therapistsTable)
    {
        _present = new HashSet<string>(present, StringComparer.Ordinal);
        TherapistsTable = therapistsTable;
    }

    /// <summary>True when therapists are rows of <c>therapists</c>; false on the September shape (<c>user_profiles</c>).</summary>
    public bool TherapistsTable { get; }

    public bool Has(string column) => _present.Contains(column);

    /// <summary>The select list: <c>p.column</c> where it exists, NULL where it does not.</summary>
    public string SelectList() =>
        "p.id, p.patient_code, p.therapist_id, " + string.Join(", ", Optional.Select(c => Has(c) ? "p." + c : "NULL"));
}
