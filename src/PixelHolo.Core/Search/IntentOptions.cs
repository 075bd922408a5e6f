using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Core.Search;

/// <summary>The "does this need the internet?" classifier.</summary>
public sealed class IntentOptions
{
    public const string SectionName = "Intent";

    /// <value>Trained model zip. Default empty: the model shipped beside the program (Intent/intent-model.zip,
    /// a copy of data/intent/intent-model.zip). Env: PIXELHOLO_Intent__ModelPath.</value>
    public string ModelPath { get; set; } = "";

    /// <value>Probability of "search" at or above which an utterance is searched, 0 to 1. Default empty: the
    /// threshold chosen by cross-validation on the training split, stored beside the model (intent-model.json).</value>
    [Range(0.0, 1.0)]
    public double? Threshold { get; set; }
}
