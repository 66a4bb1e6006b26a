using System.Text.Json;
using PuppeteerSharp;
using PuppeteerSharp.Input;

namespace EmgSessions.Tests.Browser;

/// <summary>What the session page's signal view says about itself (its <c>describe()</c> and data attributes), for the signal-view tests.</summary>
internal static class SignalViewProbe
{
    /// <summary>Each panel as <c>window.emgsSignalView.describe()</c> reports it.</summary>
    public static async Task<JsonElement[]> DescribeAsync(IPage page) =>
        [.. JsonDocument.Parse(await page.EvaluateExpressionAsync<string>("JSON.stringify(window.emgsSignalView.describe())")).RootElement.EnumerateArray()];

    /// <summary>How many windows the view has fetched so far.</summary>
    public static Task<int> FetchesAsync(IPage page) =>
        page.EvaluateExpressionAsync<int>("Number(document.getElementById('signal-view').dataset.fetches)");

    /// <summary>The window shown, [from, to] in seconds.</summary>
    public static Task<double[]> WindowAsync(IPage page) =>
        page.EvaluateExpressionAsync<double[]>("[Number(document.getElementById('signal-view').dataset.from), Number(document.getElementById('signal-view').dataset.to)]");

    public static Task WaitReadyAsync(IPage page) =>
        page.WaitForSelectorAsync("#signal-view[data-ready=true]", new WaitForSelectorOptions { Timeout = 20_000 });

    /// <summary>A mouse drag across the plot at height <paramref name="y"/>.</summary>
    public static async Task DragAsync(IPage page, decimal fromX, decimal toX, decimal y)
    {
        await page.Mouse.MoveAsync(fromX, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(toX, y, new MoveOptions { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    /// <summary>Every panel's time scale is the window, to 1 ms.</summary>
    public static void AssertPanelsShow(IEnumerable<JsonElement> panels, double[] window)
    {
        foreach (var panel in panels)
        {
            var scale = panel.GetProperty("scale").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(window[0], scale[0], 1e-3);
            Assert.Equal(window[1], scale[1], 1e-3);
        }
    }
}
