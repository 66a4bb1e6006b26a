using EmgSessions.Core.Database;

namespace EmgSessions.Core.Migrations.Adoption;

/// <summary>Recognises one database shape from the catalogue and says how to adopt it (null: not this shape).</summary>
internal interface IShapeDetector
{
    AdoptionPlan? Detect(DatabaseCatalogue catalogue, DatabaseEngine engine);
}
