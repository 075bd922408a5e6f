using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Conversation.Intent;
using PixelHolo.Core.Search;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo intent classify|eval|train</c>: the "does this need the internet?" classifier.
/// <c>classify</c> is used by external evaluation: stdout carries only JSON lines, logs go to stderr.</summary>
internal static class IntentCommand
{
    public static Command Create()
    {
        var command = new Command("intent", "Classify utterances as needing a web search or not; evaluate and retrain the model.");

        var classifyFile = new Option<FileInfo?>("--file") { Description = "Utterances, one per line. Default: standard input." };
        var classify = new Command("classify",
            "Write one JSON object per input line: {\"text\": \"...\", \"label\": \"search\"|\"none\", \"score\": P(search)}.");
        classify.Options.Add(classifyFile);
        classify.SetAction((parse, ct) => CliHost.RunAsync(c => ClassifyAsync(parse.GetValue(classifyFile), Console.In, Console.Out, c), ct));

        var evalFile = new Option<FileInfo>("--file") { Description = "Labelled rows, label<TAB>text (e.g. data/intent/test.tsv).", Required = true };
        var baseline = new Option<FileInfo?>("--baseline")
        {
            Description = "Also train the original program's method (TF-IDF + logistic regression) on this TSV and report it on the same rows (e.g. data/intent/original-39.tsv).",
        };
        var quiet = new Option<bool>("--no-rows") { Description = "Do not list the misclassified rows." };
        var eval = new Command("eval", "Print accuracy, precision, recall, F1, the confusion matrix and the misclassified rows.");
        eval.Options.Add(evalFile);
        eval.Options.Add(baseline);
        eval.Options.Add(quiet);
        eval.SetAction((parse, ct) => CliHost.RunAsync(
            c => EvalAsync(parse.GetValue(evalFile)!, parse.GetValue(baseline), !parse.GetValue(quiet), Console.Out, c), ct));

        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder holding train.tsv. Default: data/intent of the repository." };
        var output = new Option<FileInfo?>("--out") { Description = "Model zip to write (its threshold goes beside it as .json). Default: intent-model.zip in the data folder." };
        var train = new Command("train", "Retrain on train.tsv, choose the threshold by 5-fold cross-validation, write the model atomically.");
        train.Options.Add(data);
        train.Options.Add(output);
        train.SetAction((parse, ct) => CliHost.RunAsync(c => TrainAsync(parse.GetValue(data), parse.GetValue(output), Console.Out, c), ct));

        command.Subcommands.Add(classify);
        command.Subcommands.Add(eval);
        command.Subcommands.Add(train);
        return command;
    }

    internal static async Task<int> ClassifyAsync(FileInfo? file, TextReader stdin, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (file is not null && !file.Exists)
        {
            throw new CliInputException($"The file '{file.FullName}' does not exist. Pass a text file with one utterance per line, or pipe the lines to standard input.");
        }
        using var host = CliHost.Build();
        var classifier = host.Services.GetRequiredService<IIntentClassifier>();
        using StreamReader? fileReader = file?.OpenText();
        TextReader reader = (TextReader?)fileReader ?? stdin;   // standard input is not ours to dispose
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            IntentPrediction prediction = classifier.Classify(line);
            await stdout.WriteLineAsync(ToJson(prediction));
        }
        await stdout.FlushAsync(cancellationToken);
        return ExitCodes.Ok;
    }

    internal static string ToJson(IntentPrediction prediction)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        // Relaxed escaping: this is JSON for programs, not HTML, so quotes and accents stay readable ("café", \").
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("text", prediction.Text);
            json.WriteString("label", prediction.Label);
            json.WriteNumber("score", Math.Round(prediction.Score, 4));
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static async Task<int> EvalAsync(FileInfo file, FileInfo? baselineFile, bool listRows, TextWriter stdout, CancellationToken cancellationToken)
    {
        IReadOnlyList<IntentExample> rows = await ReadAsync(file, cancellationToken);
        using var host = CliHost.Build();
        var classifier = host.Services.GetRequiredService<IIntentClassifier>();
        IntentEvaluation model = IntentEvaluation.Evaluate(classifier, rows);
        await stdout.WriteLineAsync($"# model on {file.Name}");
        await stdout.WriteAsync(model.ToReport(listRows));
        if (baselineFile is not null)
        {
            IReadOnlyList<IntentExample> baselineRows = await ReadAsync(baselineFile, cancellationToken);
            using var original = new IntentModelTrainer().TrainOriginalBaseline(baselineRows);
            IntentEvaluation baseline = IntentEvaluation.Evaluate(original, rows);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"# baseline: original method (TF-IDF words + logistic regression, threshold 0.5) trained on {baselineFile.Name} ({baselineRows.Count} rows), on {file.Name}"));
            await stdout.WriteAsync(baseline.ToReport(listRows));
        }
        return ExitCodes.Ok;
    }

    internal static async Task<int> TrainAsync(DirectoryInfo? dataDirectory, FileInfo? output, TextWriter stdout, CancellationToken cancellationToken)
    {
        string directory = dataDirectory?.FullName ?? RuntimeLocator.IntentDataDirectory();
        var trainFile = new FileInfo(Path.Combine(directory, "train.tsv"));
        IReadOnlyList<IntentExample> rows = await ReadAsync(trainFile, cancellationToken);
        string outPath = output?.FullName ?? Path.Combine(directory, IntentModelPaths.ModelFileName);
        var trainer = new IntentModelTrainer();
        var (model, metadata) = trainer.TrainWithCrossValidatedThreshold(rows);
        using (model)
        {
            await model.SaveAsync(outPath, metadata, cancellationToken);
        }
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Trained on {rows.Count} rows of {trainFile.FullName}; threshold {metadata.Threshold:F2} chosen by {metadata.CrossValidationFolds}-fold " +
            $"cross-validation (out-of-fold accuracy {metadata.CrossValidationAccuracy:P2}, recall {metadata.CrossValidationRecall:P2}, precision {metadata.CrossValidationPrecision:P2})."));
        await stdout.WriteLineAsync($"Wrote {outPath} and {IntentModelMetadata.PathFor(outPath)}.");
        return ExitCodes.Ok;
    }

    private static async Task<IReadOnlyList<IntentExample>> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try { return await IntentDataset.ReadAsync(file.FullName, cancellationToken); }
        catch (Exception ex) when (ex is FileNotFoundException or FormatException) { throw new CliInputException(ex.Message); }
    }
}
