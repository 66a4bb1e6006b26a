using Spectre.Console;

namespace EmgSessions.Cli;

/// <summary>A Spectre.Console surface over a verb's output writer: colours and live widgets only when a person watches.</summary>
internal static class CliRendering
{
    public static IAnsiConsole For(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = console.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = console.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = console.Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!console.Interactive)
        {
            ansi.Profile.Width = 220;
        }

        return ansi;
    }
}
