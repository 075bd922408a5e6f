using Microsoft.Extensions.Logging;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Search;
using PixelHolo.Core.Stage;

namespace PixelHolo.Conversation.Search;

internal sealed partial class SearchStage(IIntentClassifier classifier, ISearchOrchestrator search, ILogger<SearchStage> logger) : ISearchStage
{
    public async Task<SearchStageResult> RunAsync(string utterance, string? previousQuery, IStageEvents events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        ArgumentNullException.ThrowIfNull(events);
        IntentPrediction intent = classifier.Classify(utterance);
        LogIntent(logger, intent.Label, intent.Score);
        if (!intent.NeedsSearch) { return new SearchStageResult(intent, null); }
        events.Publish(StageState.Searching);
        SearchOutcome outcome = await search.SearchAsync(utterance, previousQuery, cancellationToken);
        if (outcome is SearchFailed)
        {
            // The stage shows a plain state; the reason's detail is in the log, never on the stage or in the prompt.
            events.Publish(StageState.SearchFailed, "Could not check the web just now; answering from what I know.");
        }
        return new SearchStageResult(intent, outcome);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Intent {Label} (score {Score:F3})")]
    private static partial void LogIntent(ILogger logger, string label, float score);
}
