using System.Text.Json.Serialization;

namespace PixelHolo.Core.Search;

/// <summary>Why a search produced no usable results (JSON: the member name, e.g. "HttpError").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SearchFailureReason>))]
public enum SearchFailureReason
{
    /// <summary>The providers answered, but with no results.</summary>
    NoResults,

    /// <summary>The per-turn time budget ran out.</summary>
    Timeout,

    /// <summary>A provider answered with an HTTP error status.</summary>
    HttpError,

    /// <summary>A provider could not be reached (connection refused, DNS).</summary>
    Unreachable,

    /// <summary>A provider's answer could not be read (not the documented format).</summary>
    Malformed,

    /// <summary>The provider does not handle this kind of query (Wikipedia for a non-entity question) or is not configured.</summary>
    NotApplicable,
}
