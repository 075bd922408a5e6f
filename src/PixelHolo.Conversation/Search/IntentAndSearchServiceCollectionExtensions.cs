using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PixelHolo.Conversation.Intent;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

public static class IntentAndSearchServiceCollectionExtensions
{
    /// <summary>Adds the intent classifier (Intent:*), the search providers and orchestrator (Search:*), and the prompt
    /// pieces (freshness line, search context formatter, turn prompt composer, search stage) and the search status.</summary>
    public static IServiceCollection AddIntentAndSearch(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IntentOptions>().BindConfiguration(IntentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.ProviderOrder.All(n => SearchOptions.DefaultProviders.Contains(n, StringComparer.OrdinalIgnoreCase)),
                $"Search:Providers names an unknown provider; use any of {string.Join(", ", SearchOptions.DefaultProviders)} (PIXELHOLO_Search__Providers__0=DuckDuckGo).")
            .ValidateOnStart();
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(SearchHttp.ClientName, (sp, http) =>
        {
            http.Timeout = Timeout.InfiniteTimeSpan; // Search:TurnBudget cancels requests; a second timer would only race it.
            http.DefaultRequestHeaders.UserAgent.ParseAdd(sp.GetRequiredService<IOptions<SearchOptions>>().Value.UserAgent);
        });
        services.TryAddSingleton<IIntentClassifier, MlNetIntentClassifier>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISearchProvider, WikipediaSearchProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISearchProvider, SearxngSearchProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISearchProvider, DuckDuckGoSearchProvider>());
        services.TryAddSingleton<ISearchQueryBuilder, SearchQueryBuilder>();
        services.TryAddSingleton<SearchStatus>();
        services.TryAddSingleton<ISearchStatus>(sp => sp.GetRequiredService<SearchStatus>());
        services.TryAddSingleton<ISearchOrchestrator, SearchOrchestrator>();
        services.TryAddSingleton<ISearchContextFormatter, SearchContextFormatter>();
        services.TryAddSingleton<IFreshnessLine, FreshnessLine>();
        services.TryAddSingleton<ITurnPromptComposer, TurnPromptComposer>();
        services.TryAddSingleton<ISearchStage, SearchStage>();
        return services;
    }
}
