using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Cli.Kiosk;

/// <summary>How <c>pixelholo serve --kiosk</c> opens the stage (section "Kiosk", docs/configuration.md).</summary>
internal sealed class KioskOptions
{
    public const string SectionName = "Kiosk";

    /// <summary>The browser command: a name on PATH or a path. Default "chromium" (Debian's package).</summary>
    [Required]
    public string Browser { get; set; } = "chromium";

    /// <summary>Extra arguments, one per element, added before the page address (e.g. "--force-device-scale-factor=1").</summary>
    public IList<string> ExtraArguments { get; } = [];

    /// <summary>First wait before reopening the browser after it quit; doubles on each quick death up to <see cref="MaxRestartDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between reopenings. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);
}
