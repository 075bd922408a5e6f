using LLama.Abstractions;
using LLama.Native;

namespace PixelHolo.Conversation.Llm;

/// <summary>Which llama.cpp build LLamaSharp loaded for this process. LLamaSharp picks the CUDA 12 build when its package
/// ships (a <c>-p:PixelHoloCuda=true</c> build) and the CUDA runtime and a device are there, else the CPU build for this
/// processor (AVX level), and the native library is loaded once per process, so this is asked once.</summary>
/// <param name="Name">"CUDA", "Vulkan" or "CPU (Avx2)", as the loaded library's metadata says.</param>
/// <param name="GpuOffload">llama.cpp found a GPU device it can put layers on.</param>
internal sealed record LlamaNativeBackend(string Name, bool GpuOffload)
{
    /// <summary>True in a build that ships the CUDA backend (<c>-p:PixelHoloCuda=true</c>).</summary>
    public static bool CudaBuilt => Built;

#if PIXELHOLO_CUDA
    private const bool Built = true;
#else
    private const bool Built = false;
#endif

    /// <summary>Layers put on the GPU when Llm:GpuLayers is -1 (automatic): all of them (llama.cpp caps it at the model's).</summary>
    public const int AllLayers = 999;

    /// <summary>Loads the native library if it is not loaded yet (any native call does) and describes it.</summary>
    public static LlamaNativeBackend Load()
    {
        bool offload = NativeApi.llama_supports_gpu_offload();
        INativeLibrary? library = NativeApi.GetLoadedNativeLibrary(NativeLibraryName.LLama);
        NativeLibraryMetadata? metadata = library?.Metadata;
        string name = metadata is null ? "unknown"
            : metadata.UseCuda ? "CUDA"
            : metadata.UseVulkan ? "Vulkan"
            : $"CPU ({metadata.AvxLevel})";
        return new LlamaNativeBackend(name, offload);
    }

    /// <summary>The layers to offload: <paramref name="configured"/> when it is 0 or more, else all of them when a GPU is
    /// there and none otherwise.</summary>
    public int GpuLayers(int configured) => configured >= 0 ? configured : GpuOffload ? AllLayers : 0;

    /// <summary>Why the model runs on the CPU (the fix included), or null when a GPU takes layers or nothing asked for one.</summary>
    public string? CpuReason(int configured)
    {
        if (GpuOffload) { return null; }
        if (CudaBuilt)
        {
            return $"the llama.cpp {Name} backend loaded instead of CUDA: no NVIDIA GPU, driver or CUDA 12 runtime was found";
        }
        return configured > 0
            ? "this build ships only the CPU llama.cpp backend; rebuild with -p:PixelHoloCuda=true (Dockerfile.cuda) for a GPU"
            : null;
    }
}
