using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Conversation.Llm;
using PixelHolo.Conversation.Prompting;
using PixelHolo.Conversation.Search;
using PixelHolo.Conversation.Turns;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Stage;

namespace PixelHolo.Conversation;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>Adds the language model, intent and search, the persona prompt and the turn engine.</summary>
    public static IServiceCollection AddConversation(this IServiceCollection services)
    {
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddLanguageModel();
        services.AddIntentAndSearch();
        services.TryAddSingleton<PersonaPromptBuilder>();
        // The streaming turn: one state machine per open stage (Turns/StageConversation).
        services.AddOptions<TurnOptions>().BindConfiguration(TurnOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<TurnMetrics>();
        services.TryAddSingleton<IStageConversationFactory, StageConversationFactory>();
        return services;
    }
}
