using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Conversation.Llm;
using PixelHolo.Conversation.Prompting;
using PixelHolo.Conversation.Turns;
using PixelHolo.Core.Conversation;

namespace PixelHolo.Conversation;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>Adds the language model, the persona prompt and the turn engine.</summary>
    public static IServiceCollection AddConversation(this IServiceCollection services)
    {
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddLanguageModel();
        services.TryAddSingleton<PersonaPromptBuilder>();
        services.TryAddSingleton<ConversationEngine>();
        return services;
    }
}
