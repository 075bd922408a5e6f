using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using PixelHolo.Core.Errors;

namespace PixelHolo.Inference.Onnx;

/// <summary>The one place that chooses CUDA or CPU, logs the choice once, and checks a model file before ONNX Runtime does.</summary>
internal sealed partial class OnnxSessionFactory : IOnnxSessionFactory
{
    private readonly InferenceOptions _options;
    private readonly ILogger<OnnxSessionFactory> _logger;
    private readonly Lazy<string> _provider;

    public OnnxSessionFactory(IOptions<InferenceOptions> options, ILogger<OnnxSessionFactory> logger)
    {
        _options = options.Value;
        _logger = logger;
        _provider = new Lazy<string>(ChooseProvider);
    }

    public string ExecutionProvider => _provider.Value;

    public InferenceSession Open(string path, string setting, int? intraOpThreads = null, Func<byte[], byte[]>? transform = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new ModelLoadException(path, setting,
                $"Cannot load the model '{Path.GetFileName(path)}' (setting {setting}): {path} is missing. " +
                $"Run `pixelholo models pull` or set PIXELHOLO_{setting.Replace(":", "__", StringComparison.Ordinal)}.");
        }
        using var sessionOptions = CreateSessionOptions(intraOpThreads ?? _options.IntraOpThreads);
        try
        {
            return transform is null ? new InferenceSession(path, sessionOptions) : new InferenceSession(transform(File.ReadAllBytes(path)), sessionOptions);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or InvalidDataException)
        {
            throw new ModelLoadException(path, setting,
                $"'{Path.GetFileName(path)}' (setting {setting}) is not a valid ONNX model: {ex.Message} " +
                "Delete it and run `pixelholo models pull` to fetch a verified copy.", ex);
        }
    }

    private SessionOptions CreateSessionOptions(int intraOpThreads)
    {
        // Error level: ORT prints harmless "Removing initializer" warnings for every session otherwise.
        var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        if (intraOpThreads > 0) { sessionOptions.IntraOpNumThreads = intraOpThreads; }
        if (ExecutionProvider == "CUDA") { sessionOptions.AppendExecutionProvider_CUDA(_options.CudaDeviceId); }
        return sessionOptions;
    }

    private string ChooseProvider()
    {
        if (_options.Device == "cpu") { LogProvider(_logger, "CPU", "configured Inference:Device=cpu"); return "CPU"; }
        bool cudaBuilt = OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider");
        bool gpuPresent = File.Exists("/dev/nvidia0") || File.Exists("/proc/driver/nvidia/version");
        if (cudaBuilt && gpuPresent)
        {
            try
            {
                using var probe = new SessionOptions();
                probe.AppendExecutionProvider_CUDA(_options.CudaDeviceId);
                LogProvider(_logger, "CUDA", "device " + _options.CudaDeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return "CUDA";
            }
            catch (OnnxRuntimeException ex)
            {
                LogCudaFailed(_logger, ex.Message);
            }
        }
        if (_options.Device == "cuda")
        {
            LogCudaMissing(_logger, cudaBuilt ? "no NVIDIA GPU or driver was found" : "this build has the CPU ONNX Runtime (rebuild with -p:PixelHoloCuda=true)");
        }
        LogProvider(_logger, "CPU", gpuPresent ? "CUDA provider not in this build" : "no GPU found");
        return "CPU";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ONNX models run on {Provider} ({Why})")]
    private static partial void LogProvider(ILogger logger, string provider, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CUDA provider failed to start ({Error}); models run on the CPU")]
    private static partial void LogCudaFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inference:Device=cuda but {Why}; models run on the CPU")]
    private static partial void LogCudaMissing(ILogger logger, string why);
}
