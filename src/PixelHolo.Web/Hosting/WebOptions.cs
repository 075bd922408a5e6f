using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Web.Hosting;

/// <summary>Where the web app listens and what it accepts.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <value>Address to bind. Default 127.0.0.1. Env: PIXELHOLO_Web__Host or the original's PIXELHOLO_FLASK_HOST.
    /// A non-loopback address requires an access token.</value>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <value>First port to try. Default 5000, 0 to 65535 (0 = any free port). Env: PIXELHOLO_Web__Port or PIXELHOLO_FLASK_PORT.</value>
    [Range(0, 65535)]
    public int Port { get; set; } = 5000;

    /// <value>Ports tried in order when <see cref="Port"/> is busy. Default 5001, 5002, 5003.
    /// Env: PIXELHOLO_Web__PortFallbacks__0.. or PIXELHOLO_FLASK_PORT_FALLBACKS as a comma list.</value>
    public List<int> PortFallbacks { get; set; } = [];

    /// <value>Largest upload accepted, in bytes. Default 1 GiB (1073741824).</value>
    [Range(1024L, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <value>Token required (header X-PixelHolo-Token, cookie or ?token=) when bound to a non-loopback address.
    /// Generated and printed at start when empty.</value>
    public string AccessToken { get; set; } = "";

    /// <value>On shutdown (Ctrl+C, SIGTERM), how long an enrollment in flight may take to finish before it is cancelled and
    /// marked interrupted. Default 2 s (so `pixelholo serve` stops within 5 s), 0 to 10 minutes.
    /// Env: PIXELHOLO_Web__ShutdownGrace (e.g. 00:01:00).</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<int> EffectiveFallbacks => PortFallbacks.Count > 0 ? PortFallbacks : [5001, 5002, 5003];
}
