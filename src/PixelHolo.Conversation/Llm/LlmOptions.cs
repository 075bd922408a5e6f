using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Conversation.Llm;

/// <summary>Which language model answers, and how.</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <value>"auto" (default: Ollama when it answers, else the embedded model, so a kiosk without a server still
    /// converses), "ollama", "openai" (any OpenAI-compatible server: vLLM, llama.cpp server, LM Studio) or "embedded" (the
    /// GGUF file <see cref="ModelFile"/> run in-process).</value>
    [RegularExpression("^(ollama|openai|embedded|auto)$", ErrorMessage = "Llm:Provider must be auto, ollama, openai or embedded.")]
    public string Provider { get; set; } = "auto";

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

    /// <value>GGUF file of the embedded model, in the models folder unless absolute. Default
    /// "phi-4-mini-instruct-Q4_K_M.gguf" (fetched by `pixelholo models pull llm`). Env: PIXELHOLO_Llm__ModelFile.</value>
    [Required]
    public string ModelFile { get; set; } = "phi-4-mini-instruct-Q4_K_M.gguf";

    /// <value>Context length of the embedded model per turn, 256 to 32768 tokens. Default 4096.</value>
    [Range(256, 32768)]
    public int ContextSize { get; set; } = 4096;

    /// <value>Layers of the embedded model put on the GPU, -1 to 1000: -1 (default) puts all of them there when llama.cpp's
    /// CUDA backend loaded and found a device (a -p:PixelHoloCuda=true build) and none otherwise; 0 always runs on the CPU.</value>
    [Range(-1, 1000)]
    public int GpuLayers { get; set; } = -1;

    /// <value>Longest wait for the whole answer. Default 60 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
