using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PixelHolo.Conversation.Llm;
using PixelHolo.Core.Status;
using PixelHolo.Core.Storage;
using PixelHolo.Inference.Onnx;

namespace PixelHolo.Web.Endpoints;

/// <summary>GET /api/status: what runs where (ONNX provider, language model, tracking ...), for the status page.</summary>
internal static class StatusEndpoints
{
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", async (IOnnxSessionFactory onnx, IOptions<LlmOptions> llm, IProfileStore profiles,
            IEnumerable<IStatusContributor> contributors, CancellationToken cancellationToken) =>
        {
            var status = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["onnxExecutionProvider"] = onnx.ExecutionProvider,
                ["llm"] = new { provider = llm.Value.Provider, endpoint = llm.Value.Endpoint, model = llm.Value.Model },
                ["profiles"] = (await profiles.ListAsync(cancellationToken)).Count,
            };
            foreach (IStatusContributor contributor in contributors) { status[contributor.Name] = contributor.GetStatus(); }
            return TypedResults.Ok(status);
        });
        return app;
    }
}
