using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PixelHolo.Cli;
using PixelHolo.Core.Storage;

namespace PixelHolo.Bench;

/// <summary>SQLite figures: turns (with five stage timings each) written per second, alone and with concurrent writers.</summary>
internal static class StorageBenchmarks
{
    public static async Task TurnsAsync(string[] args)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"pixelholo-bench-{Guid.NewGuid():N}");
        try
        {
            using IHost host = CliHost.Build(new Dictionary<string, string?> { ["Runtime:Directory"] = folder });
            var profiles = host.Services.GetRequiredService<IProfileStore>();
            var conversations = host.Services.GetRequiredService<IConversationStore>();
            var profile = await profiles.CreateAsync("bench", "");
            string conversation = await conversations.StartAsync(profile.Id);
            var timings = new Dictionary<string, double> { ["stt"] = 0.4, ["search"] = 1.1, ["llm-first-token"] = 0.3, ["llm"] = 2.2, ["tts"] = 0.05 };
            TurnRecord Turn(int i) => new($"question {i}", $"answer {i}", null, timings, DateTimeOffset.UnixEpoch.AddSeconds(i));
            for (int i = 0; i < 50; i++) { await conversations.AddTurnAsync(conversation, Turn(i)); } // warm-up

            const int Sequential = 2000;
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < Sequential; i++) { await conversations.AddTurnAsync(conversation, Turn(i)); }
            double sequentialSeconds = watch.Elapsed.TotalSeconds;
            SpeechBenchmarks.Print("sqlite.turns_per_second_one_writer", Sequential / sequentialSeconds);
            SpeechBenchmarks.Print("sqlite.ms_per_turn_one_writer", sequentialSeconds * 1000 / Sequential);

            const int Writers = 4, PerWriter = 500;
            watch.Restart();
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (int i = 0; i < PerWriter; i++) { await conversations.AddTurnAsync(conversation, Turn(i)); }
            })));
            double concurrentSeconds = watch.Elapsed.TotalSeconds;
            SpeechBenchmarks.Print("sqlite.turns_per_second_four_writers", Writers * PerWriter / concurrentSeconds);

            watch.Restart();
            IReadOnlyList<TurnRecord> turns = await conversations.GetTurnsAsync(conversation);
            SpeechBenchmarks.Print("sqlite.read_turns", turns.Count);
            SpeechBenchmarks.Print("sqlite.read_all_turns_ms", watch.Elapsed.TotalMilliseconds);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) { Directory.Delete(folder, recursive: true); }
        }
    }
}
