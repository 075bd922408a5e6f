namespace PixelHolo.Core.Errors;

/// <summary>A model file is missing, corrupt or of the wrong shape. Names the setting and the fix.</summary>
public sealed class ModelLoadException : PixelHoloException
{
    public ModelLoadException(string path, string setting, string message, Exception? inner = null)
        : base(message, inner)
    {
        ModelPath = path;
        Setting = setting;
    }

    public string ModelPath { get; }

    public string Setting { get; }

    public static ModelLoadException Missing(string what, string path, string setting) =>
        new(path, setting,
            $"Cannot load the {what} model: '{path}' (setting {setting}) is missing. " +
            $"Run `pixelholo models pull` or set PIXELHOLO_{setting.Replace(":", "__", StringComparison.Ordinal)}.");
}
