using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

/// <summary>Tries the providers in <c>Search:Providers</c> order within one per-turn budget. A provider that fails
/// fast (HTTP 5xx, unreachable) is retried once — the turn has one retry in all; a provider that times out, finds
/// nothing or answers garbage hands over to the next. While another provider remains, an attempt may use half of
/// the remaining budget, so one hanging server cannot starve the fallback.</summary>
internal sealed partial class SearchOrchestrator : ISearchOrchestrator
{
    private readonly IReadOnlyList<ISearchProvider> _providers;
    private readonly ISearchQueryBuilder _queries;
    private readonly SearchOptions _options;
    private readonly TimeProvider _time;
    private readonly SearchCache _cache;
    private readonly ILogger<SearchOrchestrator> _logger;
    private readonly SearchStatus _status;

    public SearchOrchestrator(IEnumerable<ISearchProvider> providers, ISearchQueryBuilder queries, IOptions<SearchOptions> options,
        TimeProvider time, SearchStatus status, ILogger<SearchOrchestrator> logger)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _options = options.Value;
        var byName = providers.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var unknown = _options.ProviderOrder.Where(n => !byName.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new OptionsValidationException(SearchOptions.SectionName, typeof(SearchOptions),
                [$"Search:Providers names unknown provider(s) {string.Join(", ", unknown)}; known: {string.Join(", ", byName.Keys)}."]);
        }
        _providers = [.. _options.ProviderOrder.Select(n => byName[n])];
        _queries = queries;
        _time = time;
        _logger = logger;
        _status = status;
        _cache = new SearchCache(time, _options.CacheTtl);
    }

    public async Task<SearchOutcome> SearchAsync(string utterance, string? previousQuery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        long started = _time.GetTimestamp();
        SearchOutcome outcome = await SearchCoreAsync(_queries.Build(utterance, previousQuery), cancellationToken);
        _status.Record(outcome, _time.GetElapsedTime(started), _time.GetUtcNow());
        return outcome;
    }

    private async Task<SearchOutcome> SearchCoreAsync(string query, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(query, out SearchSucceeded cached))
        {
            LogCacheHit(_logger, cached.Provider);
            return cached;
        }
        long started = _time.GetTimestamp();
        using var budget = new CancellationTokenSource(_options.TurnBudget, _time);
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, cancellationToken);
        bool retryUsed = false;
        SearchFailed? worst = null;
        for (int i = 0; i < _providers.Count; i++)
        {
            ISearchProvider provider = _providers[i];
            bool lastProvider = i == _providers.Count - 1;
            for (int attempt = 1; ; attempt++)
            {
                TimeSpan remaining = _options.TurnBudget - _time.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero) { return TimedOut(query, started); }
                TimeSpan limit = lastProvider ? remaining : remaining / 2;
                SearchOutcome outcome;
                try
                {
                    outcome = await AttemptAsync(provider, query, limit, turn.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    if (budget.IsCancellationRequested) { return TimedOut(query, started); }
                    outcome = new SearchFailed(query, SearchFailureReason.Timeout, $"{provider.Name}: no answer within {limit.TotalSeconds:F1} s.");
                }
                if (outcome is SearchSucceeded success)
                {
                    LogFound(_logger, success.Results.Count, provider.Name, _time.GetElapsedTime(started).TotalMilliseconds);
                    _cache.Store(success);
                    return success;
                }
                var failed = (SearchFailed)outcome;
                if (failed.Reason != SearchFailureReason.NotApplicable)
                {
                    LogProviderFailed(_logger, provider.Name, failed.Reason, failed.Detail);
                    worst = MoreTelling(worst, failed);
                }
                bool transient = failed.Reason is SearchFailureReason.HttpError or SearchFailureReason.Unreachable;
                if (transient && !retryUsed && attempt == 1)
                {
                    retryUsed = true;
                    continue;
                }
                break;
            }
        }
        SearchFailed result = worst ?? new SearchFailed(query, SearchFailureReason.NotApplicable,
            $"No provider in Search:Providers ({string.Join(", ", _options.ProviderOrder)}) handles this query; add DuckDuckGo or set Search:SearxngBaseUrl.");
        LogFailed(_logger, result.Reason, _time.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private async Task<SearchOutcome> AttemptAsync(ISearchProvider provider, string query, TimeSpan limit, CancellationToken turnToken)
    {
        using var attemptTimeout = new CancellationTokenSource(limit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(turnToken, attemptTimeout.Token);
        return await provider.SearchAsync(query, _options.MaxResults, linked.Token);
    }

    private SearchFailed TimedOut(string query, long started)
    {
        LogFailed(_logger, SearchFailureReason.Timeout, _time.GetElapsedTime(started).TotalMilliseconds);
        return new SearchFailed(query, SearchFailureReason.Timeout, $"No provider answered within the turn budget of {_options.TurnBudget.TotalSeconds:F1} s (Search:TurnBudget).");
    }

    /// <summary>"No results" from a provider that worked says more than a timeout or an error from another.</summary>
    private static SearchFailed MoreTelling(SearchFailed? current, SearchFailed candidate) =>
        current is null || (candidate.Reason == SearchFailureReason.NoResults && current.Reason != SearchFailureReason.NoResults) ? candidate : current;

    [LoggerMessage(Level = LogLevel.Information, Message = "Search served from cache ({Provider})")]
    private static partial void LogCacheHit(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search found {Count} results with {Provider} in {ElapsedMs:F0} ms")]
    private static partial void LogFound(ILogger logger, int count, string provider, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search provider {Provider} failed ({Reason}): {Detail}")]
    private static partial void LogProviderFailed(ILogger logger, string provider, SearchFailureReason reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search failed ({Reason}) after {ElapsedMs:F0} ms; the model is told it could not check")]
    private static partial void LogFailed(ILogger logger, SearchFailureReason reason, double elapsedMs);
}
