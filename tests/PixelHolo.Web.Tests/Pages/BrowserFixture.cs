using Microsoft.Playwright;

namespace PixelHolo.Web.Tests.Pages;

/// <summary>Debian's Chromium, headless, driven by Playwright (no browser download). Flags keep it off the network.</summary>
public sealed class BrowserFixture(params string[] extraArguments) : IAsyncLifetime, IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new FileNotFoundException($"Chromium is missing at {ChromiumPath}. Run ./test.sh (it installs Debian's chromium) or apt-get install chromium.");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
                .. extraArguments,
            ],
        });
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (Browser is not null) { await Browser.DisposeAsync(); }
        _playwright?.Dispose();
    }
}
