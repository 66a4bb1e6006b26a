using EmgSessions.Core.Scores;

namespace EmgSessions.Web.Queries;

/// <summary>The Session page's scores: the stored score (null when there is none yet), the inputs per source and whether the reader may enter inputs.</summary>
internal sealed record ScoreSection(ScoreView? Score, IReadOnlyList<SessionInputs> Inputs, bool MayAnnotate)
{
    /// <summary>The inputs this page's form enters (a person's); null when none were entered.</summary>
    public SessionInputs? Entered => Inputs.FirstOrDefault(i => i.Source == InputSources.Therapist);
}
