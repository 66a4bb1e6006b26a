using EmgSessions.Core.Stores.People;

namespace EmgSessions.Http;

/// <summary>A patient's targets per side: MVC (V), contraction duration (ms), contractions, BFR pressure (% of occlusion).</summary>
internal sealed record PatientTargetsDto(
    double? MvcCh1,
    double? MvcCh2,
    double? DurationCh1Ms,
    double? DurationCh2Ms,
    int? ContractionsCh1,
    int? ContractionsCh2,
    double? BfrPercent)
{
    public static PatientTargetsDto From(PatientTargets targets) => new(
        targets.MvcCh1, targets.MvcCh2, targets.DurationCh1Ms, targets.DurationCh2Ms, targets.ContractionsCh1, targets.ContractionsCh2, targets.BfrPercent);

    public PatientTargets ToTargets() => new(MvcCh1, MvcCh2, DurationCh1Ms, DurationCh2Ms, ContractionsCh1, ContractionsCh2, BfrPercent);
}
