using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace PixelHolo.Web.Endpoints;

/// <summary>Streams a multipart upload to disk under a size limit (no whole-file buffering) and collects the small text fields.</summary>
internal static class UploadReceiver
{
    /// <param name="Malformed">Set when the multipart body itself was broken (a bad header line), not too large.</param>
    public sealed record ReceivedUpload(string? FilePath, string? FileName, Dictionary<string, string> Fields, bool TooLarge, string? Malformed = null);

    private const int MaxFieldChars = 20_000;

    /// <summary>Longest file name kept (a file system's limit); a longer one is cut.</summary>
    internal const int MaxFileNameChars = 255;

    public static async Task<ReceivedUpload> ReceiveAsync(HttpRequest request, string folder, long maxBytes, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? contentType) ||
            !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return new ReceivedUpload(null, null, fields, false);
        }
        string boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value ?? "";
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = maxBytes + (1 << 20) };
        string? filePath = null, fileName = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) { continue; }
                string name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition() && filePath is null)
                {
                    fileName = CleanFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                    Directory.CreateDirectory(folder);
                    filePath = Path.Combine(folder, $"{Guid.NewGuid():N}.part");
                    if (!await CopyLimitedAsync(section.Body, filePath, maxBytes, cancellationToken))
                    {
                        File.Delete(filePath);
                        return new ReceivedUpload(null, fileName, fields, true);
                    }
                }
                else if (!disposition.IsFileDisposition())
                {
                    using var text = new StreamReader(section.Body);
                    char[] buffer = new char[MaxFieldChars];
                    int read = await text.ReadBlockAsync(buffer, cancellationToken);
                    fields[name] = new string(buffer, 0, read);
                }
            }
        }
        catch (Exception ex)
        {
            // A cut connection, an over-long body or the server stopping mid-upload (the request aborted, which is a
            // cancellation, not an IOException): nothing half-received is kept.
            if (filePath is not null && File.Exists(filePath)) { File.Delete(filePath); }
            // MultipartReader says InvalidDataException both for its length limit and for a broken header line.
            bool tooLarge = ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                || (ex is InvalidDataException && ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase));
            if (tooLarge) { return new ReceivedUpload(null, fileName, fields, true); }
            if (ex is InvalidDataException) { return new ReceivedUpload(null, fileName, fields, false, ex.Message); }
            throw;
        }
        return new ReceivedUpload(filePath, fileName, fields, false);
    }

    /// <summary>The name a browser sent, fit to show and log: only its last part (either slash), no control characters (a
    /// newline would forge a log line), at most <see cref="MaxFileNameChars"/> characters; never used as a path.</summary>
    internal static string CleanFileName(string? sent)
    {
        string last = (sent ?? "").Replace('\\', '/').Split('/').LastOrDefault(part => part.Trim().Length > 0 && part.Trim() is not ("." or "..")) ?? "";
        string clean = new string([.. last.Where(c => !char.IsControl(c) && c is not ('\u2028' or '\u2029'))]).Trim();
        if (clean.Length > MaxFileNameChars) { clean = clean[..MaxFileNameChars]; }
        return clean.Length == 0 ? "upload" : clean;
    }

    private static async Task<bool> CopyLimitedAsync(Stream source, string path, long maxBytes, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        await using FileStream output = new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes) { return false; }
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return true;
    }
}
