namespace EmgSessions.Hosting;

/// <summary>The configuration (files, EMGS_* variables, flags) is unusable; the message lists every problem.</summary>
internal sealed class EmgsConfigurationException : Exception
{
    public EmgsConfigurationException()
    {
    }

    public EmgsConfigurationException(string message)
        : base(message)
    {
    }

    public EmgsConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static EmgsConfigurationException From(IEnumerable<string> problems) =>
        new("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)));
}
