using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Conversation.Search;

namespace PixelHolo.Conversation.Tests.Search;

/// <summary>The real service graph of <see cref="IntentAndSearchServiceCollectionExtensions.AddIntentAndSearch"/>
/// with the given configuration (provider base URLs pointing at the loopback server).</summary>
internal static class SearchServices
{
    public static ServiceProvider Build(IDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        if (time is not null) { services.AddSingleton(time); }
        services.AddIntentAndSearch();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Settings for one provider order; providers not given are left unconfigured.</summary>
    public static Dictionary<string, string?> Settings(
        Uri? duckDuckGo = null, Uri? searxng = null, Uri? wikipedia = null, string providers = "Wikipedia,SearXNG,DuckDuckGo",
        TimeSpan? budget = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Search:TurnBudget"] = (budget ?? TimeSpan.FromSeconds(3)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Search:DuckDuckGoBaseUrl"] = (duckDuckGo ?? new Uri("http://127.0.0.1:9/")).ToString(),
            ["Search:WikipediaBaseUrl"] = (wikipedia ?? new Uri("http://127.0.0.1:9/")).ToString(),
        };
        if (searxng is not null) { settings["Search:SearxngBaseUrl"] = searxng.ToString(); }
        string[] names = providers.Split(',');
        for (int i = 0; i < names.Length; i++) { settings[$"Search:Providers:{i}"] = names[i]; }
        return settings;
    }
}
