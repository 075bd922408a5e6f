using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PixelHolo.Conversation.Llm;
using PixelHolo.Core.Tracking;
using PixelHolo.Core.Search;
using PixelHolo.Core.Storage;
using PixelHolo.Inference.Onnx;

namespace PixelHolo.Web.Endpoints;

/// <summary>GET /api/status: what runs where (ONNX provider, language model), face tracking's state and the newest turns'
/// timings, for the status page.</summary>
internal static class StatusEndpoints
{
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", async (IOnnxSessionFactory onnx, IOptions<LlmOptions> llm, IProfileStore profiles,
            ITrackingStatus tracking, ISearchStatus search, IConversationStore conversations, CancellationToken cancellationToken) =>
        {
            var status = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["onnxExecutionProvider"] = onnx.ExecutionProvider,
                ["llm"] = new { provider = llm.Value.Provider, endpoint = llm.Value.Endpoint, model = llm.Value.Model },
                ["profiles"] = (await profiles.ListAsync(cancellationToken)).Count,
                ["tracking"] = tracking.Current,
                ["search"] = search.Current,
                // The newest turns with their timings (seconds from the end of the question), newest first.
                ["turns"] = (await conversations.GetRecentTurnsAsync(5, cancellationToken)).Select(t => new
                {
                    turnId = t.TurnId, at = t.AtUtc, interrupted = t.Interrupted, failed = t.Error is not null || t.Fault is not null, timings = t.StageSeconds,
                }),
            };
            return TypedResults.Ok(status);
        });
        return app;
    }
}
