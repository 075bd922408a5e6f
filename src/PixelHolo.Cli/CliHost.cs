using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PixelHolo.Core.Errors;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Cli;

/// <summary>Builds the service container for a command and runs it with one error policy:
/// bad input → stderr + exit 2, other failures → stderr + exit 1, "what is wrong — what to do".</summary>
internal static class CliHost
{
    public static IHost Build(IDictionary<string, string?>? overrides = null, LogLevel minimumLevel = LogLevel.Warning)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        PixelHoloConfiguration.Apply(builder.Configuration, [], overrides);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.AddFilter((_, level) => level >= minimumLevel);
        // Logs go to stderr so that stdout stays clean for --json and classify output.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddPixelHolo(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Runs a command. Its token is cancelled by the first Ctrl+C or SIGTERM (a second one exits at once); a
    /// command that treats that as a normal end (serve, track, mount-sim) catches it and returns 0.</summary>
    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var signals = new Commands.TerminationSignals(cancellationToken);
        try
        {
            return await action(signals.Token);
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled.");
            return ExitCodes.Failed;
        }
        catch (InvalidUploadException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (CliInputException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (PixelHoloException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Failed;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"The configuration is not valid: {ex.Message} — fix appsettings.json or the PIXELHOLO_* variable it names.");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The top of the command: anything unexpected is reported in one line plus its detail, never as a crash dump.
            await Console.Error.WriteLineAsync($"PixelHolo failed: {ex.Message} — run `pixelholo doctor`; if it persists, report this with the detail below.");
            await Console.Error.WriteLineAsync(ex.ToString());
            return ExitCodes.Failed;
        }
    }
}

/// <summary>Bad command-line input: a missing file, an unknown profile. Exit code 2.</summary>
internal sealed class CliInputException(string message) : Exception(message);
