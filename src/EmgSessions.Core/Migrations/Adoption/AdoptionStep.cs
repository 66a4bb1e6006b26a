namespace EmgSessions.Core.Migrations.Adoption;

/// <summary>One statement of an adoption, run before the pending migrations, with what it does in words.</summary>
internal sealed record AdoptionStep(string Description, string Sql);
