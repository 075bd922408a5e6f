using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PixelHolo.Cli.Commands;
using PixelHolo.Conversation.Intent;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

/// <summary><c>pixelholo intent …</c>. <c>classify</c> runs as a real process (its stdout contract is used by external
/// evaluation); <c>eval</c> and <c>train</c> run in-process with a captured writer.</summary>
public sealed class IntentCommandTests
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "pixelholo.dll");

    private static string DataFile(string name) => Path.Combine(RepoPaths.Root, "data", "intent", name);

    [Fact]
    public async Task Classify_StandardInput_WritesOneJsonObjectPerLineAndNothingElse()
    {
        string[] lines = ["what's the weather in glasgow tomorrow", "tell me a joke", "", "café \"quoted\" text"];

        var (exitCode, stdout, stderr) = await TestProcess.RunAsync("dotnet", [Program, "intent", "classify"],
            TimeSpan.FromMinutes(2), stdin: string.Join('\n', lines) + "\n");

        Assert.True(exitCode == 0, stderr);
        string[] output = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Length, output.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            using JsonDocument json = JsonDocument.Parse(output[i]);
            JsonElement root = json.RootElement;
            Assert.Equal(["text", "label", "score"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(lines[i], root.GetProperty("text").GetString());
            Assert.True(root.GetProperty("label").GetString() is "search" or "none", output[i]);
            Assert.InRange(root.GetProperty("score").GetDouble(), 0.0, 1.0);
        }
        Assert.Contains("\"label\":\"search\"", output[0], StringComparison.Ordinal);
        Assert.Contains("\"label\":\"none\"", output[1], StringComparison.Ordinal);
        Assert.Contains("café", output[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classify_File_ReadsTheFileInsteadOfStandardInput()
    {
        using var temp = new TempDirectory();
        string file = temp.File("utterances.txt");
        await File.WriteAllLinesAsync(file, ["is the museum open today", "how do you tie a tie"]);

        var (exitCode, stdout, stderr) = await TestProcess.RunAsync("dotnet", [Program, "intent", "classify", "--file", file], TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, stderr);
        string[] output = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, output.Length);
        Assert.StartsWith("{\"text\":\"is the museum open today\",\"label\":\"search\",\"score\":", output[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"text\":\"how do you tie a tie\",\"label\":\"none\",\"score\":", output[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classify_MissingFile_ExitsTwoWithTheFix()
    {
        var (exitCode, stdout, stderr) = await TestProcess.RunAsync("dotnet", [Program, "intent", "classify", "--file", "/nonexistent/x.txt"], TimeSpan.FromMinutes(2));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_TestSplitWithBaseline_PrintsFiguresMeetingTargetsAndTheBaselineRow()
    {
        using var stdout = new StringWriter();

        int exitCode = await IntentCommand.EvalAsync(new FileInfo(DataFile("test.tsv")), new FileInfo(DataFile("original-39.tsv")), true, stdout, CancellationToken.None);

        string report = stdout.ToString();
        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("# model on test.tsv", report, StringComparison.Ordinal);
        Assert.Contains("# baseline: original method", report, StringComparison.Ordinal);
        Assert.Contains("confusion matrix", report, StringComparison.Ordinal);
        Assert.Contains("misclassified (", report, StringComparison.Ordinal);
        double accuracy = Percent(report, "accuracy");
        double recall = Percent(report, "recall");
        Assert.True(accuracy >= 95 && recall >= 95, report);
    }

    [Fact]
    public async Task Train_SmallDataFolder_WritesModelAndThresholdThatLoad()
    {
        using var temp = new TempDirectory();
        string[] rows = await File.ReadAllLinesAsync(DataFile("train.tsv"));
        await File.WriteAllLinesAsync(temp.File("train.tsv"),
            [.. rows.Where(r => r.StartsWith("search\t", StringComparison.Ordinal)).Take(80), .. rows.Where(r => r.StartsWith("none\t", StringComparison.Ordinal)).Take(80)]);
        string model = temp.File("out/model.zip");
        using var stdout = new StringWriter();

        int exitCode = await IntentCommand.TrainAsync(new DirectoryInfo(temp.Path), new FileInfo(model), stdout, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.True(File.Exists(model));
        IntentModelMetadata metadata = IntentModelMetadata.Read(model);
        Assert.Equal(160, metadata.TrainingRows);
        Assert.InRange(metadata.Threshold, 0.05, 0.95);
        Assert.Empty(Directory.GetFiles(temp.File("out"), "*.tmp"));
        Assert.Contains("cross-validation", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_BadRow_ExitsTwoNamingTheLine()
    {
        using var temp = new TempDirectory();
        await File.WriteAllLinesAsync(temp.File("bad.tsv"), ["search\tis it raining", "maybe\twhat"]);
        var (exitCode, _, stderr) = await TestProcess.RunAsync("dotnet", [Program, "intent", "eval", "--file", temp.File("bad.tsv")], TimeSpan.FromMinutes(2));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("bad.tsv:2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_AddPixelHolo_WiresTheSearchStageForTheTurnEngine()
    {
        using var host = CliHost.Build(new Dictionary<string, string?> { ["Conversation:Location"] = "Glasgow, UK" });
        await host.StartAsync(); // runs options validation (ValidateOnStart)

        var stage = host.Services.GetRequiredService<PixelHolo.Conversation.Search.ISearchStage>();
        string system = host.Services.GetRequiredService<PixelHolo.Conversation.Search.ITurnPromptComposer>().BuildSystemPrompt("persona");

        Assert.NotNull(stage);
        Assert.Contains("You are in Glasgow, UK.", system, StringComparison.Ordinal);
        await host.StopAsync();
    }

    private static double Percent(string report, string name)
    {
        string line = report.Split('\n').First(l => l.StartsWith(name, StringComparison.Ordinal));
        return double.Parse(line[name.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
