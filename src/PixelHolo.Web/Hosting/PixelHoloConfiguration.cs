using Microsoft.Extensions.Configuration;

namespace PixelHolo.Web.Hosting;

/// <summary>Builds configuration the same way for every command: appsettings.json, then PIXELHOLO_* variables
/// (with the original program's names as aliases), then command-line options.</summary>
public static class PixelHoloConfiguration
{
    /// <summary>Old environment names of the Python original and of early branches, mapped to our keys.</summary>
    private static readonly (string Variable, string Key)[] LegacyAliases =
    [
        ("PIXELHOLO_FLASK_HOST", "Web:Host"),
        ("PIXELHOLO_FLASK_PORT", "Web:Port"),
        ("PIXELHOLO_OLLAMA_URL", "Llm:Endpoint"),
        ("PIXELHOLO_OLLAMA_MODEL", "Llm:Model"),
        ("PIXELHOLO_RUNTIME_DIR", "Runtime:Directory"),
    ];

    public static void Apply(IConfigurationBuilder builder, string[] args, IDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        builder.AddInMemoryCollection(ReadLegacyVariables());
        builder.AddEnvironmentVariables(prefix: "PIXELHOLO_");
        if (overrides is not null) { builder.AddInMemoryCollection(overrides); }
        builder.AddCommandLine(args);
    }

    internal static Dictionary<string, string?> ReadLegacyVariables()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key) in LegacyAliases)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value) { values[key] = value; }
        }
        if (Environment.GetEnvironmentVariable("PIXELHOLO_FLASK_PORT_FALLBACKS") is { Length: > 0 } list)
        {
            string[] ports = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (int i = 0; i < ports.Length; i++) { values[$"Web:PortFallbacks:{i}"] = ports[i]; }
        }
        return values;
    }
}
