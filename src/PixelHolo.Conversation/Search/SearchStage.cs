using Microsoft.Extensions.Logging;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

internal sealed partial class SearchStage(IIntentClassifier classifier, ISearchOrchestrator search, ILogger<SearchStage> logger) : ISearchStage
{
    public IntentPrediction Classify(string utterance)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        IntentPrediction intent = classifier.Classify(utterance);
        LogIntent(logger, intent.Label, intent.Score);
        return intent;
    }

    public Task<SearchOutcome> SearchAsync(string utterance, string? previousQuery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        return search.SearchAsync(utterance, previousQuery, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Intent {Label} (score {Score:F3})")]
    private static partial void LogIntent(ILogger logger, string label, float score);
}
