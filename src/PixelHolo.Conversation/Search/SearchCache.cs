using System.Collections.Concurrent;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

/// <summary>Successful results per normalised query for a while (Search:CacheTtl). Failures are never cached, so
/// the next turn tries again. Bounded: when full, expired entries go first, then the oldest.</summary>
internal sealed class SearchCache(TimeProvider time, TimeSpan ttl, int capacity = 256)
{
    private readonly ConcurrentDictionary<string, (SearchSucceeded Outcome, DateTimeOffset StoredAtUtc)> _entries = new(StringComparer.Ordinal);

    /// <summary>Lower case, punctuation and repeated spaces removed: "Weather, Glasgow?" and "weather glasgow" share an entry.</summary>
    public static string Key(string query) => string.Join(' ', SearchQueryBuilder.Normalize(query).Replace("'", "", StringComparison.Ordinal)
        .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public bool TryGet(string query, out SearchSucceeded outcome)
    {
        outcome = null!;
        if (ttl <= TimeSpan.Zero || !_entries.TryGetValue(Key(query), out var entry)) { return false; }
        if (time.GetUtcNow() - entry.StoredAtUtc >= ttl)
        {
            _entries.TryRemove(Key(query), out _);
            return false;
        }
        outcome = entry.Outcome with { FromCache = true, Query = query };
        return true;
    }

    public void Store(SearchSucceeded outcome)
    {
        if (ttl <= TimeSpan.Zero) { return; }
        DateTimeOffset now = time.GetUtcNow();
        if (_entries.Count >= capacity)
        {
            foreach (var (key, value) in _entries)
            {
                if (now - value.StoredAtUtc >= ttl) { _entries.TryRemove(key, out _); }
            }
            while (_entries.Count >= capacity && !_entries.IsEmpty)
            {
                string oldest = _entries.MinBy(e => e.Value.StoredAtUtc).Key;
                _entries.TryRemove(oldest, out _);
            }
        }
        _entries[Key(outcome.Query)] = (outcome, now);
    }
}
