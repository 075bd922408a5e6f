using PixelHolo.Tracking.Protocols.PelcoD;
using PixelHolo.Tracking.Protocols.Text;
using PixelHolo.Tracking.Protocols.Visca;

namespace PixelHolo.Tracking.Protocols;

/// <summary>Looks protocols up by the names used in options and on the command line.</summary>
internal static class MountProtocols
{
    public static readonly IReadOnlyList<string> Names = ["visca", "pelco-d", "text"];

    public static IMountProtocol Create(string name, int address = 1, float textMaxDegreesPerSecond = TextProtocol.DefaultMaxDegreesPerSecond) =>
        name.ToUpperInvariant() switch
        {
            "VISCA" => new ViscaProtocol(address),
            "PELCO-D" or "PELCOD" => new PelcoDProtocol(address),
            "TEXT" => new TextProtocol(textMaxDegreesPerSecond),
            _ => throw new ArgumentException($"Unknown mount protocol '{name}'. Use one of: {string.Join(", ", Names)}.", nameof(name)),
        };

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes) switch
    {
        { Length: 0 } => "",
        var hex => string.Join(' ', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2))),
    };
}
