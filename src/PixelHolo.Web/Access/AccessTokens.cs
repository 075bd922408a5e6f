using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Web.Access;

/// <summary>What a request may do: everything, or only watch the stage.</summary>
internal enum AccessScope
{
    /// <summary>The admin token: upload, delete, rename, change settings, and everything the stage token can.</summary>
    Admin,

    /// <summary>The read-only stage token (a kiosk browser): safe requests only (GET, HEAD), so the stage, its socket,
    /// frames, pages and status.</summary>
    Stage,
}

/// <summary>The tokens in force for this run. <see cref="Required"/> is false on a loopback address unless
/// Web:RequireAccessToken is set; then nothing is checked and both tokens are empty.</summary>
internal sealed class AccessTokens
{
    public const int MinimumLength = 16;

    private readonly byte[] _admin;
    private readonly byte[] _stage;

    private AccessTokens(bool required, string admin, string stage)
    {
        Required = required;
        Admin = admin;
        Stage = stage;
        _admin = Encoding.UTF8.GetBytes(admin);
        _stage = Encoding.UTF8.GetBytes(stage);
    }

    public bool Required { get; }

    public string Admin { get; }

    public string Stage { get; }

    /// <summary>The configured tokens, each generated (128 random bits, hex) when empty; checked for length and that they
    /// differ. Not required (and empty) on loopback unless <see cref="WebOptions.RequireAccessToken"/>.</summary>
    public static AccessTokens From(WebOptions web, bool loopback)
    {
        ArgumentNullException.ThrowIfNull(web);
        if (loopback && !web.RequireAccessToken) { return new AccessTokens(false, "", ""); }
        string admin = web.AccessToken.Length > 0 ? web.AccessToken : Generate();
        string stage = web.StageToken.Length > 0 ? web.StageToken : Generate();
        var problems = new List<string>();
        if (admin.Length < MinimumLength) { problems.Add(TooShort("Web:AccessToken", admin.Length)); }
        if (stage.Length < MinimumLength) { problems.Add(TooShort("Web:StageToken", stage.Length)); }
        if (string.Equals(admin, stage, StringComparison.Ordinal))
        {
            problems.Add("Web:StageToken is the same as Web:AccessToken, so the kiosk would get the admin's rights. Give it a different token, or leave it empty to have one generated.");
        }
        if (problems.Count > 0) { throw new OptionsValidationException(WebOptions.SectionName, typeof(WebOptions), problems); }
        return new AccessTokens(true, admin, stage);
    }

    /// <summary>The scope <paramref name="given"/> grants, or null. Compared in constant time (for equal lengths).</summary>
    public AccessScope? Match(string? given)
    {
        if (!Required || string.IsNullOrEmpty(given)) { return null; }
        byte[] bytes = Encoding.UTF8.GetBytes(given);
        if (CryptographicOperations.FixedTimeEquals(bytes, _admin)) { return AccessScope.Admin; }
        if (CryptographicOperations.FixedTimeEquals(bytes, _stage)) { return AccessScope.Stage; }
        return null;
    }

    private static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string TooShort(string key, int length) =>
        $"{key} is {length} characters long; use at least {MinimumLength} (e.g. `openssl rand -hex 24`), or leave it empty to have one generated and printed at start.";
}
