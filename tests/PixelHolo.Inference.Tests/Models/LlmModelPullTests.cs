using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;
using PixelHolo.Inference.Models;
using PixelHolo.TestSupport;

namespace PixelHolo.Inference.Tests.Models;

/// <summary>`pixelholo models pull llm`: the manifest's GGUF entry, and its pull against a loopback HTTP server serving a
/// generated GGUF file (the hub is out of reach): checked by sha256, a wrong one installs nothing, and an unpinned entry
/// records the sha256 it got so later changes are caught.</summary>
public sealed class LlmModelPullTests : IClassFixture<LoopbackFileServer>, IDisposable
{
    private readonly LoopbackFileServer _server;
    private readonly TempDirectory _runtime = new();

    public LlmModelPullTests(LoopbackFileServer server) => _server = server;

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void Catalog_LlmGroup_IsThePhi4MiniGguf_PinnedToACommitAndASha256()
    {
        ModelDescriptor llm = Assert.Single(ModelCatalog.LoadEmbedded().InGroup("llm"));
        Assert.Equal("phi-4-mini-instruct-Q4_K_M.gguf", llm.File);
        Assert.Equal(ModelKind.Download, llm.Kind);
        Assert.Equal("url", llm.Source.Type);
        // A fixed revision, never a branch that can move under the sha256.
        Assert.Matches("^https://huggingface.co/bartowski/microsoft_Phi-4-mini-instruct-GGUF/resolve/[0-9a-f]{40}/microsoft_Phi-4-mini-instruct-Q4_K_M.gguf$", llm.Source.Url);
        Assert.Matches("^[0-9a-f]{64}$", llm.Sha256);
        Assert.Equal(2_491_874_688, llm.SizeBytes);
    }

    [Fact]
    public async Task Pull_PinnedGguf_InstallsVerifiedWithProgress()
    {
        byte[] gguf = await GeneratedGgufAsync();
        ModelDescriptor model = Gguf(_server.Serve("llm/ok.gguf", gguf), Convert.ToHexStringLower(SHA256.HashData(gguf)));
        var progress = new List<double>();

        string path = await Store(model).PullAsync(model, new Progress(progress.Add));

        Assert.Equal(gguf, await File.ReadAllBytesAsync(path));
        Assert.Equal(ModelState.Verified, (await Store(model).GetStatusAsync(model)).State);
        Assert.Equal(1.0, progress[^1], 3);
    }

    [Fact]
    public async Task Pull_WrongSha256_ClearErrorAndNothingLeftBehind()
    {
        byte[] gguf = await GeneratedGgufAsync();
        ModelDescriptor model = Gguf(_server.Serve("llm/bad.gguf", gguf), new string('a', 64));

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Store(model).PullAsync(model));

        Assert.Contains("sha256", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was installed", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_runtime.Path, "models")));
    }

    [Fact]
    public async Task Pull_Unpinned_RecordsTheSha256_AndCatchesALaterChange()
    {
        byte[] gguf = await GeneratedGgufAsync();
        ModelDescriptor model = Gguf(_server.Serve("llm/unpinned.gguf", gguf), null);

        string path = await Store(model).PullAsync(model);
        Assert.Equal(ModelState.Verified, (await Store(model).GetStatusAsync(model)).State);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(gguf)), (await File.ReadAllTextAsync(path + ModelStore.UnpinnedShaSuffix)).Trim());

        await File.AppendAllTextAsync(path, "changed");
        Assert.Equal(ModelState.ChecksumMismatch, (await Store(model).GetStatusAsync(model)).State);
    }

    private async Task<byte[]> GeneratedGgufAsync()
    {
        string file = _runtime.File("source.gguf");
        GgufTestModel.Write(file);
        byte[] bytes = await File.ReadAllBytesAsync(file);
        File.Delete(file);
        return bytes;
    }

    private static ModelDescriptor Gguf(Uri url, string? sha256) =>
        new("llm-test", "test.gguf", "test language model", "EmbeddedLanguageModel", ModelKind.Download, "MIT", 0, sha256,
            new ModelSource("url", null, null, null, null, url.ToString()), "llm");

    private ModelStore Store(ModelDescriptor model) => new(new ModelCatalog([model]),
        Options.Create(new RuntimeOptions { Directory = _runtime.Path }), Options.Create(new ModelStoreOptions()), new Http(),
        NullLogger<ModelStore>.Instance);

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    private sealed class Http : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
