using Microsoft.Playwright;
using PixelHolo.TestSupport;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Web.Tests.Pages;

[Collection(nameof(WebAppCollection))]
[Trait("Category", "EndToEnd")]
public sealed class UploaderAndStagePageTests(WebAppFixture web)
{
    private readonly BrowserFixture _browser = new();

    [Fact]
    public async Task Uploader_RealClip_ProgressReaches100AndStageShowsPersonOnBlack()
    {
        // Its own server with the full picture path (matte, still, idle loop): the border check means something.
        using var runtime = new TempDirectory();
        await using RunningWebApp app = await PixelHoloWebApp.StartAsync([], WebAppFixture.Settings(runtime.Path, web.Ollama.Endpoint, picture: "matte"));
        await _browser.InitializeAsync();
        try
        {
            IPage page = await _browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } });
            await page.GotoAsync(app.Url + "/");
            await page.SetInputFilesAsync("#video", SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"));
            await page.FillAsync("#name", "Browser Ada");
            await page.FillAsync("#personality", "You are Ada.");
            await page.ClickAsync("#create");

            await page.WaitForSelectorAsync("#open-stage", new PageWaitForSelectorOptions { Timeout = 600_000 });
            Assert.Equal(100, await page.EvalOnSelectorAsync<double>("#job-progress", "e => e.value"));
            Assert.Contains("100 %", await page.InnerTextAsync("#job-status"), StringComparison.Ordinal);
            await page.WaitForSelectorAsync("#profiles li img[src]");

            await page.ClickAsync("#open-stage");
            await page.WaitForFunctionAsync("() => { const i = document.getElementById('still'); return i.complete && i.naturalWidth > 0; }");
            // The idle loop (person listening) replaces the still once it plays.
            await page.WaitForFunctionAsync("() => { const v = document.getElementById('idle'); return !v.hidden && v.readyState >= 2 && v.currentTime > 0; }",
                null, new PageWaitForFunctionOptions { Timeout = 30_000 });
            using var temp = new TempDirectory();
            string shot = temp.File("stage.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });

            (byte[] rgb, int width, int height) = await DecodeAsync(shot);
            Assert.Equal((1280, 720), (width, height));
            // Border black: a Pepper's ghost shows nothing there.
            Assert.True(MaxBrightness(rgb, width, 0, 0, width, 4) <= 8, "top border is not black");
            Assert.True(MaxBrightness(rgb, width, 0, height - 4, width, height) <= 8, "bottom border is not black");
            Assert.True(MaxBrightness(rgb, width, 0, 0, 4, height) <= 8, "left border is not black");
            // The centre shows the person.
            Assert.True(MeanBrightness(rgb, width, (width / 2) - 100, (height / 2) - 100, (width / 2) + 100, (height / 2) + 100) > 30, "centre is black");
        }
        finally
        {
            await _browser.DisposeAsync();
        }
    }

    private static async Task<(byte[] Rgb, int Width, int Height)> DecodeAsync(string png)
    {
        var (code, size, _) = await ProcessRunner.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", png]);
        Assert.Equal(0, code);
        int[] wh = [.. size.Trim().Split(',').Select(int.Parse)];
        string raw = png + ".rgb";
        await ProcessRunner.FfmpegAsync("-i", png, "-f", "rawvideo", "-pix_fmt", "rgb24", raw);
        return (await File.ReadAllBytesAsync(raw), wh[0], wh[1]);
    }

    private static int MaxBrightness(byte[] rgb, int width, int x0, int y0, int x1, int y1)
    {
        int max = 0;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                int i = ((y * width) + x) * 3;
                max = Math.Max(max, Math.Max(rgb[i], Math.Max(rgb[i + 1], rgb[i + 2])));
            }
        }
        return max;
    }

    private static double MeanBrightness(byte[] rgb, int width, int x0, int y0, int x1, int y1)
    {
        long sum = 0;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                int i = ((y * width) + x) * 3;
                sum += (rgb[i] + rgb[i + 1] + rgb[i + 2]) / 3;
            }
        }
        return sum / (double)((x1 - x0) * (y1 - y0));
    }
}
