using System.Text;
using Microsoft.Extensions.Time.Testing;
using PixelHolo.Core.Errors;
using PixelHolo.TestSupport;

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
        await using var child = await Grandchild.CreateAsync();
        // A shell with a child: the child (sleep) must die with it.
        var command = new ToolCommand("sleeper", "sh", ["-c", Grandchild.Script, "sh", child.Fifo]) { Timeout = TimeSpan.FromSeconds(10), TimeoutSetting = "Sleep:Timeout" };

        Task<ToolResult> run = runner.RunAsync(command, standardInput: null, started: null);
        int pid = await child.StartedAsync();
        time.Advance(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<MediaToolException>(() => run.WaitAsync(Generous));

        Assert.Equal(ToolFailure.TimedOut, error.Failure);
        Assert.Contains("did not finish within 10 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("raise Sleep:Timeout", error.Message, StringComparison.Ordinal);
        Assert.True(await child.ExitedAsync(), $"the child (pid {pid}) outlived the timeout");
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsCancellationNotTimeoutAndKillsTheTree()
    {
        var runner = new ToolRunner(new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();
        int pid = 0;
        await using var child = await Grandchild.CreateAsync();
        var command = new ToolCommand("sleeper", "sh", ["-c", Grandchild.Script, "sh", child.Fifo]) { Timeout = TimeSpan.FromSeconds(10) };

        Task<ToolResult> run = runner.RunAsync(command, standardInput: null, started: id => pid = id, cancel.Token);
        int childPid = await child.StartedAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Generous));
        Assert.True(IsGone(pid), $"the shell (pid {pid}) outlived cancellation"); // the runner waited for it before throwing
        Assert.True(await child.ExitedAsync(), $"the child (pid {childPid}) outlived cancellation");
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

        Assert.True(IsGone(pid), $"sleep (pid {pid}) outlived DisposeAsync"); // DisposeAsync waits for the exit
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

    /// <summary>Whether <paramref name="pid"/> is gone or a zombie (killed, not yet reaped), checked once: the runner
    /// returns only after it has waited for its own process.</summary>
    private static bool IsGone(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true; // no such process
        }
    }

    /// <summary>A grandchild process (not ours to wait for) that the test sees start and end through a FIFO: the shell's
    /// child opens the FIFO for writing, writes its pid and execs <c>sleep 300</c>, which keeps the FIFO open until it dies.
    /// The test's read therefore ends (end of file) exactly when the last writer, the grandchild, is gone: an event, no
    /// polling.</summary>
    private sealed class Grandchild : IAsyncDisposable
    {
        /// <summary>The tool's script: <c>$1</c> is the FIFO.</summary>
        public const string Script = "sh -c 'echo $$ >&3; exec sleep 300' 3>\"$1\" & wait";

        private readonly TempDirectory _folder;
        private Task<StreamReader>? _reader;

        private Grandchild(TempDirectory folder) => _folder = folder;

        public string Fifo => Path.Combine(_folder.Path, "grandchild");

        public static async Task<Grandchild> CreateAsync()
        {
            var child = new Grandchild(new TempDirectory("pixelholo-grandchild"));
            await new ToolRunner().RunAsync(new ToolCommand("mkfifo", "mkfifo", [child.Fifo]));
            // Opening a FIFO for reading blocks until a writer opens it, so it runs beside the test.
            child._reader = Task.Run(() => new StreamReader(new FileStream(child.Fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1)));
            return child;
        }

        /// <summary>The grandchild's pid, once it runs.</summary>
        public async Task<int> StartedAsync()
        {
            StreamReader reader = await _reader!.WaitAsync(Generous);
            string line = await reader.ReadLineAsync().WaitAsync(Generous) ?? throw new InvalidOperationException("The grandchild closed the FIFO without writing its pid.");
            return int.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>True once the grandchild has died (the FIFO's end of file); false if it still runs after a generous wait.</summary>
        public async Task<bool> ExitedAsync()
        {
            StreamReader reader = await _reader!.WaitAsync(Generous);
            try
            {
                await reader.ReadToEndAsync().WaitAsync(Generous);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_reader is { IsCompleted: false })
            {
                // The grandchild never came (the test failed before): be the writer, so the reader's open returns.
                await using var writer = new FileStream(Fifo, FileMode.Open, FileAccess.Write);
            }
            if (_reader is not null) { (await _reader).Dispose(); }
            _folder.Dispose();
        }
    }
}
