using System.Text.Json;
using System.Text.Json.Serialization;

namespace PixelHolo.Conversation.Intent;

/// <summary>What is stored beside the model zip (intent-model.json): the threshold chosen by cross-validation
/// on the training split and how it was chosen, so the default threshold travels with the model it belongs to.</summary>
public sealed record IntentModelMetadata(
    double Threshold,
    int Seed,
    int TrainingRows,
    int CrossValidationFolds,
    double CrossValidationAccuracy,
    double CrossValidationRecall,
    double CrossValidationPrecision,
    string Featurisation)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.Strict,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file for people, not HTML
    };

    /// <summary>intent-model.zip → intent-model.json.</summary>
    public static string PathFor(string modelPath) => Path.ChangeExtension(modelPath, ".json");

    public static IntentModelMetadata Read(string modelPath)
    {
        string path = PathFor(modelPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The intent model's metadata '{path}' is missing (it holds the decision threshold). " +
                "Retrain with `pixelholo intent train`, which writes the zip and the json together, or set Intent:Threshold.", path);
        }
        return JsonSerializer.Deserialize<IntentModelMetadata>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"'{path}' is empty. Retrain with `pixelholo intent train`.");
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
