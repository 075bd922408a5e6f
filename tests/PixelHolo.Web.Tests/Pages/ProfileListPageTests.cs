using Microsoft.Playwright;

namespace PixelHolo.Web.Tests.Pages;

/// <summary>The uploader's profile list in headless Chromium, keyboard only: the voice engine, rename (kept after a reload,
/// a refused name's message shown), the enroll-again controls.</summary>
[Collection(nameof(WebAppCollection))]
[Trait("Category", "EndToEnd")]
public sealed class ProfileListPageTests(WebAppFixture web)
{
    [Fact]
    public async Task ProfileList_KeyboardRename_ShowsVoiceRefusesBadNameAndKeepsGoodOneAfterReload()
    {
        (string profileId, string jobId) = await WebAppFixture.UploadAsync(web.Http, Path.Combine(web.RuntimeDirectory, "talk12.mp4"), "List me", "");
        Assert.Equal("succeeded", (await WebAppFixture.WaitForJobAsync(web.Http, jobId)).State);
        string engine = System.Text.Json.JsonDocument.Parse(await web.Http.GetStringAsync($"/api/profiles/{profileId}/voice"))
            .RootElement.GetProperty("engine").GetString()!;
        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        IPage page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        string item = $"#profiles li[data-profile-id='{profileId}']";
        await page.GotoAsync(web.App.Url + "/");

        // The voice engine the profile would speak with, as the server says.
        await page.WaitForFunctionAsync($"() => /voice: \\S/.test(document.querySelector(\"{item} .voice\")?.textContent || '')");
        string voice = await page.InnerTextAsync($"{item} .voice");
        Assert.StartsWith($"voice: {engine}", voice, StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator($"{item} .reenroll-picture option").CountAsync());

        // Keyboard: focus Rename, Enter opens the field (focused); a too-long name is refused with the server's message.
        await page.FocusAsync($"{item} button.rename");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync($"{item} .rename-input:focus");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(new string('x', 81));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync($"() => (document.querySelector(\"{item} .rename-error\")?.textContent || '').length > 0");
        Assert.Contains("at most 80", await page.InnerTextAsync($"{item} .rename-error"), StringComparison.Ordinal);

        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Grace Hopper");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync($"() => document.querySelector(\"{item} .name\")?.firstChild?.textContent === 'Grace Hopper'");

        await page.ReloadAsync();
        await page.WaitForSelectorAsync($"{item} .name");
        Assert.StartsWith("Grace Hopper", await page.InnerTextAsync($"{item} .name"), StringComparison.Ordinal);
        await page.WaitForFunctionAsync($"() => /voice: \\S/.test(document.querySelector(\"{item} .voice\")?.textContent || '')");
        await OperatorPageTests.DocsImageAsync(page, "uploader-list", fullPage: true);
    }
}
