using PixelHolo.Inference.Models;

namespace PixelHolo.Web.Status;

/// <summary>Whether everything a profile uses (the models its enrollment recorded, and the voice engine) may be used
/// commercially: green only when every part is, else the reason naming each part that is not or that does not say.</summary>
/// <param name="CommercialUse">True when every part is commercially usable.</param>
/// <param name="Reason">Null when green; otherwise which parts block it and why.</param>
/// <param name="Parts">Each part with its licence.</param>
internal sealed record LicenceSummary(bool CommercialUse, string? Reason, IReadOnlyList<LicencePart> Parts)
{
    private static readonly string[] Permissive = ["MIT", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0", "CC-BY-4.0", "CC0", "ISC", "GPL", "LGPL", "MPL-2.0"];

    /// <summary>Builds the summary from the manifest's models (id and licence) and the catalog's commercial-use facts.</summary>
    public static LicenceSummary From(IEnumerable<(string Id, string Licence)> used, ModelCatalog catalog)
    {
        var parts = new List<LicencePart>();
        foreach (var (id, licence) in used)
        {
            ModelDescriptor? model = catalog.Models.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase));
            parts.Add(new LicencePart(id, model?.Licence ?? licence, model is null ? Infer(licence) : model.CommercialUse));
        }
        var blocking = parts.Where(p => p.CommercialUse != true).ToList();
        string? reason = blocking.Count == 0 ? null : string.Join("; ", blocking.Select(p => p.CommercialUse == false
            ? $"{p.Id} is not for commercial use ({p.Licence})"
            : $"{p.Id} does not say whether it may be used commercially ({p.Licence}); check its licence"));
        return new LicenceSummary(blocking.Count == 0, reason, parts);
    }

    /// <summary>For a part the model catalog does not list (a Debian package's model, say): a non-commercial licence
    /// says so; the common permissive ones allow it; anything else is unknown.</summary>
    internal static bool? Infer(string licence)
    {
        if (licence.Contains("-NC", StringComparison.OrdinalIgnoreCase) || licence.Contains("non-commercial", StringComparison.OrdinalIgnoreCase)
            || licence.Contains("noncommercial", StringComparison.OrdinalIgnoreCase)) { return false; }
        return Permissive.Any(p => licence.StartsWith(p, StringComparison.OrdinalIgnoreCase)) ? true : null;
    }
}

/// <summary>One model or engine of a profile.</summary>
/// <param name="Id">Model id in models/manifest.json (or an engine name).</param>
/// <param name="Licence">Its licence in words.</param>
/// <param name="CommercialUse">True or false when known; null when the manifest does not say.</param>
internal sealed record LicencePart(string Id, string Licence, bool? CommercialUse);
