using Microsoft.Extensions.Logging;
using PixelHolo.Core.Errors;
using PixelHolo.Processes;

namespace PixelHolo.Cli.Kiosk;

/// <summary>Keeps the stage open full screen in a browser: starts it with the kiosk flags and a dedicated profile folder
/// under the runtime, and reopens it (after a back-off that doubles on each quick death) whenever it quits, until
/// cancelled. A browser that ran for a minute or more counts as healthy, so the back-off starts over.</summary>
internal sealed partial class KioskBrowser(KioskOptions options, string userDataDirectory, ToolRunner tools, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan Healthy = TimeSpan.FromMinutes(1);

    /// <summary>The arguments for <paramref name="url"/>: full screen, autoplay without a gesture, the microphone
    /// allowed without a prompt (a kiosk has no mouse to click it), no first-run, crash or error dialogs.</summary>
    public IReadOnlyList<string> Arguments(string url) =>
    [
        "--kiosk",
        "--autoplay-policy=no-user-gesture-required",
        "--no-first-run",
        "--noerrdialogs",
        "--disable-session-crashed-bubble",
        "--disable-infobars",
        "--disable-translate",
        "--use-fake-ui-for-media-stream",
        "--user-data-dir=" + userDataDirectory,
        .. options.ExtraArguments,
        url,
    ];

    /// <summary>Runs the browser on <paramref name="url"/> until <paramref name="cancellationToken"/> is cancelled,
    /// then closes it.</summary>
    public async Task RunAsync(string url, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(userDataDirectory);
        TimeSpan delay = options.RestartDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            long started = time.GetTimestamp();
            int? exitCode = await RunOnceAsync(url, cancellationToken);
            if (cancellationToken.IsCancellationRequested) { return; }
            if (time.GetElapsedTime(started) >= Healthy) { delay = options.RestartDelay; }
            LogBrowserQuit(logger, options.Browser, exitCode, delay.TotalSeconds);
            try { await Task.Delay(delay, time, cancellationToken); }
            catch (OperationCanceledException) { return; }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRestartDelay.Ticks));
        }
    }

    private async Task<int?> RunOnceAsync(string url, CancellationToken cancellationToken)
    {
        RunningTool browser;
        try
        {
            browser = tools.Start(new ToolCommand("browser", options.Browser, Arguments(url))
            {
                Fix = "Install it (apt-get install chromium) or set Kiosk:Browser.",
            });
        }
        catch (MediaToolException ex) when (ex.Failure == ToolFailure.NotFound)
        {
            LogBrowserMissing(logger, options.Browser, ex.Message);
            return null;
        }
        await using (browser)
        {
            LogBrowserStarted(logger, options.Browser, browser.Id, url);
            try
            {
                await browser.WaitForSuccessAsync(cancellationToken);
                return 0;
            }
            catch (MediaToolException ex)
            {
                return ex.ExitCode; // it quit or crashed on its own: the caller reopens it
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null; // the runner has killed the browser's whole tree
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kiosk: {Browser} (pid {Pid}) shows {Url}")]
    private static partial void LogBrowserStarted(ILogger logger, string browser, int pid, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kiosk: {Browser} quit (exit code {ExitCode}); reopening in {DelaySeconds:0.#} s")]
    private static partial void LogBrowserQuit(ILogger logger, string browser, int? exitCode, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kiosk: the browser '{Browser}' could not start ({Error}). Install it (apt-get install chromium) or set Kiosk:Browser.")]
    private static partial void LogBrowserMissing(ILogger logger, string browser, string error);
}
