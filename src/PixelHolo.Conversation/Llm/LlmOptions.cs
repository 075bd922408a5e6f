using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Conversation.Llm;

/// <summary>Which language model answers, and how.</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <value>"ollama" (default) or "openai" (any OpenAI-compatible server: vLLM, llama.cpp server, LM Studio).</value>
    [RegularExpression("^(ollama|openai)$")]
    public string Provider { get; set; } = "ollama";

    /// <value>Server address. Default http://127.0.0.1:11434 (Ollama). For "openai" include /v1. Env: PIXELHOLO_Llm__Endpoint or PIXELHOLO_OLLAMA_URL.</value>
    [Required]
    public Uri Endpoint { get; set; } = new("http://127.0.0.1:11434");

    /// <value>Model name. Default "phi4-mini" (Phi-4 family). Env: PIXELHOLO_Llm__Model or PIXELHOLO_OLLAMA_MODEL.</value>
    [Required]
    public string Model { get; set; } = "phi4-mini";

    /// <value>Sampling temperature, 0 to 2. Default 0.7.</value>
    [Range(0.0, 2.0)]
    public float Temperature { get; set; } = 0.7f;

    /// <value>Longest answer in tokens. Default 200 (short spoken answers).</value>
    [Range(16, 8192)]
    public int MaxOutputTokens { get; set; } = 200;

    /// <value>API key for "openai" servers that need one. Default empty.</value>
    public string ApiKey { get; set; } = "";

    /// <value>Start `ollama serve` when Ollama is not reachable and the binary is on PATH. Default true.</value>
    public bool AutoStart { get; set; } = true;

    /// <value>The Ollama program AutoStart runs as `{OllamaExecutable} serve`: a name on PATH or a path. Default "ollama".</value>
    [Required]
    public string OllamaExecutable { get; set; } = "ollama";

    /// <value>How long to wait for a started `ollama serve` to answer, 1 to 120 s. Default 10 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <value>Pull the model when Ollama does not have it. Default true.</value>
    public bool AutoPull { get; set; } = true;

    /// <value>Longest wait for the whole answer. Default 60 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
