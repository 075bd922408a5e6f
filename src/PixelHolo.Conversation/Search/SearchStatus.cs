using Microsoft.Extensions.Options;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

/// <summary>For the status page: the provider order and budget, and how the last search went
/// (the failure's detail included, so an operator can see why searches fail). The query itself is visitor content
/// and is not shown.</summary>
internal sealed class SearchStatus(IOptions<SearchOptions> options) : ISearchStatus
{
    private LastSearch? _last;

    public void Record(SearchOutcome outcome, TimeSpan elapsed, DateTimeOffset atUtc)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var last = outcome switch
        {
            SearchSucceeded s => new LastSearch(atUtc, true, s.Provider, null, null, s.FromCache, Math.Round(elapsed.TotalMilliseconds)),
            SearchFailed f => new LastSearch(atUtc, false, null, f.Reason, f.Detail, false, Math.Round(elapsed.TotalMilliseconds)),
            _ => throw new ArgumentException($"Unknown search outcome {outcome.GetType().Name}.", nameof(outcome)),
        };
        Volatile.Write(ref _last, last);
    }

    public SearchStatusSnapshot Current
    {
        get
        {
            SearchOptions o = options.Value;
            return new SearchStatusSnapshot(o.ProviderOrder, o.SearxngBaseUrl is not null, o.TurnBudget.TotalSeconds, o.CacheTtl.TotalMinutes,
                Volatile.Read(ref _last));
        }
    }
}
