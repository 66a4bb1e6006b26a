namespace EmgSessions.Analysis.Signals;

/// <summary>A window request that cannot be answered: the query parameter at fault and what to send instead.</summary>
public sealed record SignalWindowProblem(string Parameter, string Message);
