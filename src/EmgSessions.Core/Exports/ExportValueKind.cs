namespace EmgSessions.Core.Exports;

/// <summary>The type of an export column, as the data dictionary names it and the Parquet schema stores it.</summary>
public enum ExportValueKind
{
    /// <summary>UTF-8 text (Parquet <c>string</c>).</summary>
    Text,

    /// <summary>A 64-bit integer (Parquet <c>int64</c>).</summary>
    Integer,

    /// <summary>A 64-bit float, written in CSV as the shortest text that reads back to the same double (Parquet <c>double</c>).</summary>
    Real,

    /// <summary><c>true</c> or <c>false</c> (Parquet <c>boolean</c>).</summary>
    Boolean,
}
