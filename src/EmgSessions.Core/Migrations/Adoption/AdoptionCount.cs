namespace EmgSessions.Core.Migrations.Adoption;

/// <summary>A number <c>emgs migrate --dry-run</c> reports (what will move or be kept): a label and the SQL that counts it.</summary>
internal sealed record AdoptionCount(string Label, string Sql);
