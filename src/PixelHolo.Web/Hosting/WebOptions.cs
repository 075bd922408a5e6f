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

    /// <value>The admin token (everything: upload, delete, settings), required when bound to a non-loopback address or when
    /// <see cref="RequireAccessToken"/> is set. Sent once as the login link /login?token=… (which sets an HttpOnly,
    /// SameSite=Strict cookie), or by tools in the header X-PixelHolo-Token. At least 16 characters; generated and printed
    /// at start when empty. Env: PIXELHOLO_Web__AccessToken.</value>
    public string AccessToken { get; set; } = "";

    /// <value>The read-only stage token (the kiosk browser's): it opens the stage, its socket, frames and status, but
    /// cannot upload, delete, rename or change display settings (403). At least 16 characters, not the admin token;
    /// generated and printed at start when empty. Env: PIXELHOLO_Web__StageToken.</value>
    public string StageToken { get; set; } = "";

    /// <value>Require the tokens on a loopback address too (a shared machine, a reverse proxy on the same host). Default
    /// false; a non-loopback address always requires them. Env: PIXELHOLO_Web__RequireAccessToken.</value>
    public bool RequireAccessToken { get; set; }

    /// <value>Host names, besides 127.0.0.1, [::1] and localhost, that a loopback server without tokens answers to (a
    /// reverse proxy's name). Any other Host header is refused (400), which stops DNS-rebinding pages. Default none.
    /// Env: PIXELHOLO_Web__AllowedHosts__0..</value>
    public List<string> AllowedHosts { get; set; } = [];

    /// <value>On shutdown (Ctrl+C, SIGTERM), how long an enrollment in flight may take to finish before it is cancelled and
    /// marked interrupted. Default 2 s (so `pixelholo serve` stops within 5 s), 0 to 10 minutes.
    /// Env: PIXELHOLO_Web__ShutdownGrace (e.g. 00:01:00).</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<int> EffectiveFallbacks => PortFallbacks.Count > 0 ? PortFallbacks : [5001, 5002, 5003];
}
