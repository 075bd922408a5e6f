using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ICSharpCode.SharpZipLib.BZip2;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;
using PixelHolo.Inference.Models;
using PixelHolo.TestSupport;

namespace PixelHolo.Inference.Tests.Models;

/// <summary>`pixelholo models pull` against a real loopback HTTP server: download, verify, install; and every way it fails.</summary>
public sealed class ModelStoreDownloadTests : IClassFixture<LoopbackFileServer>, IDisposable
{
    private readonly LoopbackFileServer _server;
    private readonly TempDirectory _runtime = new();

    public ModelStoreDownloadTests(LoopbackFileServer server) => _server = server;

    [Fact]
    public async Task PullAsync_UrlModel_DownloadsVerifiesAndInstallsWithProgress()
    {
        byte[] bytes = RandomBytes(300_000);
        ModelDescriptor model = UrlModel("turn-ok", _server.Serve("turn/ok.onnx", bytes), Sha(bytes));
        var progress = new List<double>();

        string path = await Store(model).PullAsync(model, new SyncProgress(progress.Add));

        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal(ModelState.Verified, (await Store(model).GetStatusAsync(model)).State);
        Assert.Equal(1.0, progress[^1], 3);
        Assert.Equal(progress.Order().ToList(), progress);
    }

    [Fact]
    public async Task PullAsync_WrongChecksum_FailsAndInstallsNothing()
    {
        byte[] bytes = RandomBytes(1000);
        ModelDescriptor model = UrlModel("turn-bad", _server.Serve("turn/bad.onnx", bytes), new string('0', 64));

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Store(model).PullAsync(model));

        Assert.Contains("sha256", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was installed", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(ModelsDirectory));
    }

    [Fact]
    public async Task PullAsync_NotFound_SaysWhatAnswered()
    {
        ModelDescriptor model = UrlModel("turn-404", new Uri(_server.Root, "nowhere.onnx"), new string('0', 64));

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => Store(model).PullAsync(model));

        Assert.Contains("answered 404", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(ModelsDirectory, model.File)));
    }

    [Fact]
    public async Task PullAsync_HubUnreachable_SaysThereIsNoRouteAndWhatToDo()
    {
        // A port nobody listens on: the closest loopback equivalent of a hub this machine cannot reach.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        ModelDescriptor model = UrlModel("turn-down", new Uri($"http://127.0.0.1:{port}/smart-turn.onnx"), new string('0', 64));

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => Store(model).PullAsync(model));

        Assert.Contains($"Cannot reach 127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("no route", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was installed", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(ModelsDirectory));
    }

    [Fact]
    public async Task PullAsync_UnpinnedArchive_UnpacksRecordsHashesAndLaterCatchesAChange()
    {
        byte[] encoder = RandomBytes(50_000), tokens = "a 0\nb 1\n"u8.ToArray();
        Uri url = _server.Serve("asr/model.tar.bz2", TarBz2("model-x", ("encoder.onnx", encoder), ("tokens.txt", tokens), ("README.md", "hi"u8.ToArray())));
        ModelDescriptor model = ArchiveModel("stt-x", url, "model-x", sha256: null, "encoder.onnx", "tokens.txt");

        string folder = await Store(model).PullAsync(model);

        Assert.Equal(encoder, await File.ReadAllBytesAsync(Path.Combine(folder, "encoder.onnx")));
        Assert.True(File.Exists(Path.Combine(folder, ModelStore.VerifiedFileName)));
        Assert.Equal(ModelState.Verified, (await Store(model).GetStatusAsync(model)).State);
        Assert.DoesNotContain(Directory.GetDirectories(ModelsDirectory), d => d.EndsWith(".tmp", StringComparison.Ordinal));

        await File.WriteAllTextAsync(Path.Combine(folder, "tokens.txt"), "a 0\nc 1\n");
        Assert.Equal(ModelState.ChecksumMismatch, (await Store(model).GetStatusAsync(model)).State);
    }

    [Fact]
    public async Task PullAsync_PinnedArchiveChecksumMismatch_InstallsNothing()
    {
        Uri url = _server.Serve("asr/pinned.tar.bz2", TarBz2("model-y", ("encoder.onnx", RandomBytes(100))));
        ModelDescriptor model = ArchiveModel("stt-y", url, "model-y", new string('a', 64), "encoder.onnx");

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Store(model).PullAsync(model));

        Assert.Contains("manifest expects", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(ModelsDirectory));
    }

    [Fact]
    public async Task PullAsync_ArchiveWithoutAnExpectedFile_NamesItAndInstallsNothing()
    {
        Uri url = _server.Serve("asr/partial.tar.bz2", TarBz2("model-z", ("encoder.onnx", RandomBytes(100))));
        ModelDescriptor model = ArchiveModel("stt-z", url, "model-z", null, "encoder.onnx", "tokens.txt");

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Store(model).PullAsync(model));

        Assert.Contains("'tokens.txt'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(ModelsDirectory));
    }

    [Fact]
    public async Task PullAsync_NotAnArchive_SaysSo()
    {
        Uri url = _server.Serve("asr/html.tar.bz2", "<html>login required</html>"u8.ToArray());
        ModelDescriptor model = ArchiveModel("stt-html", url, "model-h", null, "encoder.onnx");

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Store(model).PullAsync(model));

        Assert.Contains("not a readable tar.bz2", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(ModelsDirectory));
    }

    [Fact]
    public async Task PullAsync_NpmTarballGoodSha_InstallsTheFileAndVerifiesIt()
    {
        byte[] onnx = RandomBytes(120_000);
        ServeNpm("@pixelholo-test/model-a", "1.2.3", ("package/package.json", "{}"u8.ToArray()), ("package/dist/model.onnx", onnx));
        ModelDescriptor model = NpmModel("npm-a", "@pixelholo-test/model-a", "1.2.3", "dist/model.onnx", Sha(onnx));
        var progress = new List<double>();

        string path = await Store(model).PullAsync(model, new SyncProgress(progress.Add));

        Assert.Equal(Path.Combine(ModelsDirectory, "npm-a.onnx"), path);
        Assert.Equal(onnx, await File.ReadAllBytesAsync(path));
        Assert.Equal(ModelState.Verified, (await Store(model).GetStatusAsync(model)).State);
        Assert.Equal(1.0, progress[^1], 3);
        Assert.Equal([Path.GetFileName(path)], Directory.GetFileSystemEntries(ModelsDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task PullAsync_NpmTarballBadSha_SaysSoAndLeavesNothing()
    {
        byte[] onnx = RandomBytes(4_000);
        ServeNpm("model-b", "0.1.0", ("package/dist/model.onnx", onnx));
        ModelDescriptor model = NpmModel("npm-b", "model-b", "0.1.0", "dist/model.onnx", Sha(RandomBytes(4_001)));

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Store(model).PullAsync(model));

        Assert.Contains($"has sha256 {Sha(onnx)} but the manifest expects", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was installed", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(ModelsDirectory));
    }

    [Fact]
    public async Task PullAsync_NpmTarballWithoutThePath_NamesPackageAndPath()
    {
        ServeNpm("model-c", "2.0.0", ("package/dist/other.onnx", RandomBytes(10)));
        ModelDescriptor model = NpmModel("npm-c", "model-c", "2.0.0", "dist/model.onnx", new string('0', 64));

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => Store(model).PullAsync(model));

        Assert.Contains("model-c@2.0.0 does not contain 'dist/model.onnx'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(ModelsDirectory));
    }

    [Fact]
    public async Task PullAsync_NpmChunks_JoinsThemInListedOrder()
    {
        byte[] first = RandomBytes(3_000), second = RandomBytes(2_000);
        byte[] joined = [.. first, .. second];
        byte[] resources = System.Text.Encoding.UTF8.GetBytes("""{"model":{"chunks":[{"hash":"b2"},{"hash":"a1"}]}}""");
        ServeNpm("model-d", "1.0.0", ("package/dist/resources.json", resources), ("package/dist/a1", second), ("package/dist/b2", first));
        ModelDescriptor model = new("npm-d", "npm-d.onnx", "test", "test", ModelKind.Download, "MIT", 0, Sha(joined),
            new ModelSource("npm-chunks", "model-d", "1.0.0", "dist/resources.json", "model", null));

        string path = await Store(model).PullAsync(model);

        Assert.Equal(joined, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task GetStatusAsync_InstalledFileCorruptedLater_ReportsChecksumMismatchAndPullRepairsIt()
    {
        byte[] onnx = RandomBytes(9_000);
        ServeNpm("model-e", "1.0.0", ("package/dist/model.onnx", onnx));
        ModelDescriptor model = NpmModel("npm-e", "model-e", "1.0.0", "dist/model.onnx", Sha(onnx));
        string path = await Store(model).PullAsync(model);
        await using (FileStream file = File.OpenWrite(path))
        {
            file.Position = 4_500;
            file.WriteByte((byte)~onnx[4_500]); // one flipped byte, same size
        }

        ModelStatus corrupted = await Store(model).GetStatusAsync(model);
        string repaired = await Store(model).PullAsync(model);

        Assert.Equal(ModelState.ChecksumMismatch, corrupted.State);
        Assert.Equal(onnx.Length, corrupted.SizeBytes);
        Assert.Equal(onnx, await File.ReadAllBytesAsync(repaired));
        Assert.Equal(ModelState.Verified, (await Store(model).GetStatusAsync(model)).State);
    }

    [Fact]
    public void Catalog_Groups_HoldTheSpeechModels()
    {
        ModelCatalog catalog = ModelCatalog.LoadEmbedded();

        Assert.Equal(["stt-parakeet", "stt-moonshine", "stt-whisper"], catalog.InGroup("stt").Select(m => m.Id));
        Assert.Equal(["smart-turn"], catalog.InGroup("turn").Select(m => m.Id));
        Assert.Contains("huggingface.co/kyutai/pocket-tts", Assert.Single(catalog.InGroup("tts")).Note, StringComparison.Ordinal);
        Assert.Equal(ModelKind.Packaged, catalog.Get("sherpa-onnx").Kind);
        Assert.All(catalog.Models.Where(m => m.Sha256 is null), m => Assert.Contains("no sha256", m.Note, StringComparison.Ordinal));
    }

    private string ModelsDirectory => Path.Combine(_runtime.Path, "models");

    private ModelStore Store(ModelDescriptor model) => new(new ModelCatalog([model]),
        Options.Create(new RuntimeOptions { Directory = _runtime.Path }), Options.Create(new ModelStoreOptions { NpmRegistry = _server.Root.ToString() }), new PlainHttpClients(),
        NullLogger<ModelStore>.Instance);

    private static ModelDescriptor UrlModel(string id, Uri url, string sha256) =>
        new(id, $"{id}.onnx", "test", "test", ModelKind.Download, "MIT", 0, sha256, new ModelSource("url", null, null, null, null, url.ToString()));

    private static ModelDescriptor NpmModel(string id, string package, string version, string path, string sha256) =>
        new(id, $"{id}.onnx", "test", "test", ModelKind.Download, "MIT", 0, sha256, new ModelSource("npm", package, version, path, null, null));

    /// <summary>Serves an npm-style tarball (gzip of a tar whose entries sit under package/) where a registry keeps it.</summary>
    private void ServeNpm(string package, string version, params (string Name, byte[] Bytes)[] files)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach ((string name, byte[] bytes) in files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
            }
        }
        string bareName = package.Contains('/', StringComparison.Ordinal) ? package[(package.IndexOf('/', StringComparison.Ordinal) + 1)..] : package;
        _server.Serve($"{package}/-/{bareName}-{version}.tgz", output.ToArray());
    }

    private static ModelDescriptor ArchiveModel(string id, Uri url, string top, string? sha256, params string[] files) =>
        new(id, top, "test", "test", ModelKind.Download, "MIT", 0, sha256, new ModelSource("archive", null, null, top, null, url.ToString()),
            "stt", [.. files.Select(f => new ModelFileEntry(f, null, null))]);

    private static byte[] TarBz2(string top, params (string Name, byte[] Bytes)[] files)
    {
        using var output = new MemoryStream();
        using (var bzip = new BZip2OutputStream(output) { IsStreamOwner = false })
        using (var tar = new TarWriter(bzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, top + "/"));
            foreach ((string name, byte[] bytes) in files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"{top}/{name}") { DataStream = new MemoryStream(bytes) });
            }
        }
        return output.ToArray();
    }

    private static byte[] RandomBytes(int n)
    {
        byte[] bytes = new byte[n];
        new Random(n).NextBytes(bytes);
        return bytes;
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public void Dispose() => _runtime.Dispose();

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    private sealed class PlainHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
