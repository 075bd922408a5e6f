namespace PixelHolo.Core.Errors;

/// <summary>An external service (Ollama, a search engine) could not be used. The message says how to fix it.</summary>
public sealed class ServiceUnavailableException : PixelHoloException
{
    public ServiceUnavailableException(string service, string message, Exception? inner = null)
        : base(message, inner) => Service = service;

    public string Service { get; }
}
