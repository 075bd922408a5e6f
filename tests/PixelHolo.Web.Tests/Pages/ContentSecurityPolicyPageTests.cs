using System.Collections.Concurrent;
using Microsoft.Playwright;
using PixelHolo.Web.Access;
using PixelHolo.Web.Hosting;
using PixelHolo.Web.Tests.Access;

namespace PixelHolo.Web.Tests.Pages;

/// <summary>Every page (the login refusals, uploader, status, stage with and without its debug view) in headless Chromium
/// under the server's Content-Security-Policy, with the access tokens required (as beyond loopback): no
/// <c>securitypolicyviolation</c> event, no console error, no uncaught script error (issue 15, item 5). The stage does a real
/// typed turn (loopback Ollama, espeak-ng, the loop renderer), so the audio worklet, the socket and the frame fetches run.</summary>
[Collection(nameof(WebAppCollection))]
[Trait("Category", "EndToEnd")]
public sealed class ContentSecurityPolicyPageTests(WebAppFixture web)
{
    private static readonly PageWaitForFunctionOptions Long = new() { Timeout = 120_000 };

    [Fact]
    public async Task EveryPage_UnderThePolicy_NoViolationNoConsoleErrorNoScriptError()
    {
        await using RunningWebApp app = await AccessTestServer.StartAsync(web, tokens: true);
        await using var browser = new BrowserFixture("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream");
        await browser.InitializeAsync();
        await using IBrowserContext context = await browser.Browser.NewContextAsync();
        var problems = new ConcurrentQueue<string>();
        var refusals = new ConcurrentQueue<string>(); // console lines of the pages that are refusals (their own 401)
        string current = "";
        await context.ExposeBindingAsync("pixelholoTestViolation", (BindingSource source, string text) => problems.Enqueue($"{current}: CSP violation {text}"));
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => window.pixelholoTestViolation(" +
            "`${e.violatedDirective} blocked '${e.blockedURI}' at ${e.sourceFile}:${e.lineNumber}`));");
        IPage page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type != "error") { return; }
            (current.StartsWith("refusal", StringComparison.Ordinal) ? refusals : problems).Enqueue($"{current}: console error: {message.Text}");
        };
        page.PageError += (_, error) => problems.Enqueue($"{current}: uncaught: {error}");
        // Chromium's console line for a failed load does not name the resource; this does.
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) { (current.StartsWith("refusal", StringComparison.Ordinal) ? refusals : problems).Enqueue($"{current}: {response.Status} {response.Url}"); }
        };

        // The refusals a browser meets before it has signed in: plain pages, nothing of ours behind the token.
        current = "refusal (no cookie)";
        await AssertPolicyAsync(await page.GotoAsync(app.Url + "/"), 401);
        current = "refusal (wrong login link)";
        await AssertPolicyAsync(await page.GotoAsync(app.Url + "/login?token=wrong"), 401);

        current = "uploader (after the login link)";
        await AssertPolicyAsync(await page.GotoAsync($"{app.Url}/login?token={AccessTestServer.AdminToken}&next=/"), 200);
        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        await page.WaitForSelectorAsync("#profiles li img[src]");

        current = "status";
        await AssertPolicyAsync(await page.GotoAsync(app.Url + "/status"), 200);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#engines tbody tr').length > 0", null, Long);

        foreach (string query in new[] { "", "?debug" })
        {
            current = $"stage{query}";
            await AssertPolicyAsync(await page.GotoAsync($"{app.Url}/stage/{web.ProfileId}{query}"), 200);
            await page.WaitForFunctionAsync("() => window.pixelholoStage && pixelholoStage.connected", null, Long);
            await page.EvaluateAsync("() => pixelholoStage.ask('who are you')");
            await page.WaitForFunctionAsync("() => pixelholoStage.turns.length > 0 && pixelholoStage.state === 'idle'", null, Long);
            Assert.True(await page.EvaluateAsync<int>("() => pixelholoStage.played.length") > 0, "the stage played no audio");
        }

        Assert.True(problems.IsEmpty, string.Join('\n', problems));
        // A refusal page's only console line is Chromium's note of its own 401.
        Assert.All(refusals, line => Assert.Contains("401", line, StringComparison.Ordinal));
    }

    private static async Task AssertPolicyAsync(IResponse? response, int status)
    {
        Assert.NotNull(response);
        Assert.Equal(status, response.Status);
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, await response.HeaderValueAsync("content-security-policy"));
    }
}
