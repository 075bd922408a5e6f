using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PixelHolo.Core.Errors;

namespace PixelHolo.Processes.Tests;

public sealed class ToolRunnerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_ArgumentsAsData_ReachTheToolUnchanged()
    {
        var runner = new ToolRunner();

        ToolResult result = await runner.RunAsync(new ToolCommand("printf", "printf", ["%s|", "two words", "--not-an-option", "$HOME", ""]));

        Assert.Equal("two words|--not-an-option|$HOME||", result.StandardOutputText);
    }

    [Fact]
    public async Task RunAsync_StandardInput_IsWrittenAsUtf8AndClosed()
    {
        var runner = new ToolRunner();

        ToolResult result = await runner.RunAsync(new ToolCommand("cat", "cat", []), "Zoë — Привет");

        Assert.Equal("Zoë — Привет", result.StandardOutputText);
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_CarriesExitCodeArgumentsAndStderrTail()
    {
        var runner = new ToolRunner();

        var error = await Assert.ThrowsAsync<MediaToolException>(() =>
            runner.RunAsync(new ToolCommand("sh", "sh", ["-c", "echo first >&2; echo 'the real reason' >&2; exit 3"])));

        Assert.Equal(ToolFailure.Exited, error.Failure);
        Assert.Equal(3, error.ExitCode);
        Assert.Equal("sh", error.Tool);
        Assert.Equal("-c", error.Arguments[0]);
        Assert.Contains("the real reason", error.StandardErrorTail, StringComparison.Ordinal);
        Assert.Contains("the real reason", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HugeStderr_KeepsOnlyTheTail()
    {
        var runner = new ToolRunner();

        // 200 kB on stderr: far more than a pipe buffer, so an undrained stderr would deadlock the tool.
        var error = await Assert.ThrowsAsync<MediaToolException>(() => runner.RunAsync(new ToolCommand("sh", "sh",
            ["-c", "i=0; while [ $i -lt 4000 ]; do echo 'filler line of forty-nine characters.............' >&2; i=$((i+1)); done; echo LAST >&2; exit 1"])));

        Assert.True(error.StandardErrorTail.Length <= 4000, $"tail is {error.StandardErrorTail.Length} characters");
        Assert.EndsWith("LAST", error.StandardErrorTail.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingExecutable_SaysNotFoundAndTheFix()
    {
        var runner = new ToolRunner();

        var error = await Assert.ThrowsAsync<MediaToolException>(() => runner.RunAsync(
            new ToolCommand("frobnicator", "/nonexistent/frobnicator", ["-x"]) { Fix = "Install it (apt-get install frobnicator) or set Frob:Path." }));

        Assert.Equal(ToolFailure.NotFound, error.Failure);
        Assert.Contains("/nonexistent/frobnicator", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Install it (apt-get install frobnicator) or set Frob:Path.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PastTheTimeLimit_KillsTheTreeAndNamesTheLimitAndSetting()
    {
        var time = new FakeTimeProvider();
        var runner = new ToolRunner(time);
        int pid = 0;
        using var started = new SemaphoreSlim(0);
        // A shell with a child: the child (sleep) must die with it.
        var command = new ToolCommand("sleeper", "sh", ["-c", "sleep 300 & wait"]) { Timeout = TimeSpan.FromSeconds(10), TimeoutSetting = "Sleep:Timeout" };

        Task<ToolResult> run = runner.RunAsync(command, standardInput: null, started: id => { pid = id; started.Release(); });
        Assert.True(await started.WaitAsync(Generous));
        int child = await WaitForChildAsync(pid);
        time.Advance(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<MediaToolException>(() => run.WaitAsync(Generous));

        Assert.Equal(ToolFailure.TimedOut, error.Failure);
        Assert.Contains("did not finish within 10 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("raise Sleep:Timeout", error.Message, StringComparison.Ordinal);
        Assert.True(await HasExitedAsync(child), $"the child (pid {child}) outlived the timeout");
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsCancellationNotTimeoutAndKillsTheTree()
    {
        var runner = new ToolRunner(new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();
        int pid = 0;
        var command = new ToolCommand("sleeper", "sh", ["-c", "sleep 300 & wait"]) { Timeout = TimeSpan.FromSeconds(10) };

        Task<ToolResult> run = runner.RunAsync(command, standardInput: null, started: id => pid = id, cancel.Token);
        int child = await WaitForChildAsync(pid);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Generous));
        Assert.True(await HasExitedAsync(pid), $"the shell (pid {pid}) outlived cancellation");
        Assert.True(await HasExitedAsync(child), $"the child (pid {child}) outlived cancellation");
    }

    [Fact]
    public async Task WriteAsync_ToolThatExited_IsAToolFailureWithItsStderrNotAnIOException()
    {
        var runner = new ToolRunner();
        await using RunningTool tool = runner.Start(new ToolCommand("quitter", "sh", ["-c", "echo 'bad frame size' >&2; exit 4"]), ToolPipes.Input);
        byte[] chunk = new byte[1 << 16];

        // Keep writing until the pipe breaks: the first writes may land in the pipe buffer before the shell exits.
        var error = await Assert.ThrowsAsync<MediaToolException>(async () =>
        {
            for (int i = 0; i < 10_000; i++) { await tool.WriteAsync(chunk); }
        });

        Assert.Equal(4, error.ExitCode);
        Assert.Contains("bad frame size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_StillRunning_KillsItAndIsIdempotent()
    {
        var runner = new ToolRunner();
        RunningTool tool = runner.Start(new ToolCommand("sleeper", "sleep", ["300"]), ToolPipes.Output);
        int pid = tool.Id;

        await tool.DisposeAsync();
        await tool.DisposeAsync();

        Assert.True(await HasExitedAsync(pid));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => tool.WaitForSuccessAsync());
    }

    [Fact]
    public async Task Start_OutputNotWanted_IsDrainedSoTheToolNeverBlocks()
    {
        var runner = new ToolRunner();
        // 1 MB on stdout with nobody reading: without the drain the tool would block on a full pipe forever.
        await using RunningTool tool = runner.Start(new ToolCommand("yes", "sh", ["-c", "head -c 1048576 /dev/zero"]));

        await tool.WaitForSuccessAsync().WaitAsync(Generous);

        Assert.True(tool.HasExited);
    }

    [Fact]
    public async Task Start_Environment_IsAddedToTheInheritedOne()
    {
        var runner = new ToolRunner();
        var command = new ToolCommand("env", "sh", ["-c", "printf '%s' \"$PIXELHOLO_TEST_VALUE\""])
        {
            Environment = new Dictionary<string, string?> { ["PIXELHOLO_TEST_VALUE"] = "from the command" },
        };

        ToolResult result = await runner.RunAsync(command);

        Assert.Equal("from the command", Encoding.UTF8.GetString(result.StandardOutput));
    }

    /// <summary>The pid of the first child of <paramref name="parent"/>, once it exists (read from /proc).</summary>
    private static async Task<int> WaitForChildAsync(int parent)
    {
        using var timeout = new CancellationTokenSource(Generous);
        while (true)
        {
            string path = $"/proc/{parent}/task/{parent}/children";
            string children = File.Exists(path) ? await File.ReadAllTextAsync(path, timeout.Token) : "";
            if (children.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } first) { return int.Parse(first, System.Globalization.CultureInfo.InvariantCulture); }
            await Task.Delay(20, timeout.Token); // the event here is a fork in another process: there is nothing to await but /proc
        }
    }

    private static async Task<bool> HasExitedAsync(int pid)
    {
        using var timeout = new CancellationTokenSource(Generous);
        try
        {
            while (true)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    if (process.HasExited) { return true; }
                    // A zombie (killed, not yet reaped by its parent) counts as gone.
                    string stat = await File.ReadAllTextAsync($"/proc/{pid}/stat", timeout.Token);
                    if (stat.Contains(") Z ", StringComparison.Ordinal)) { return true; }
                }
                catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException)
                {
                    return true; // no such process
                }
                await Task.Delay(20, timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
