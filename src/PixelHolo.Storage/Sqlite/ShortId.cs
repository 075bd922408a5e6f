using System.Security.Cryptography;

namespace PixelHolo.Storage.Sqlite;

/// <summary>Short, url-safe, random identifiers: 12 characters of lowercase base32 (60 bits).</summary>
internal static class ShortId
{
    // RFC 4648 base32 alphabet in lower case: no padding, no characters that need escaping in a URL or a file name.
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public const int Length = 12;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[Length];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[Length];
        for (int i = 0; i < Length; i++) { chars[i] = Alphabet[bytes[i] & 31]; }
        return new string(chars);
    }

    /// <summary>True for ids this store can hand out or accept: 1 to 64 characters of [a-z0-9_-].
    /// Ids become folder names, so anything else (a '/', "..") is refused before it reaches the file system.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
