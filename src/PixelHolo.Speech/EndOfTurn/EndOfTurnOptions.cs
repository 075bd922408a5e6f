using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Speech.EndOfTurn;

/// <summary>End-of-turn detection with Pipecat Smart Turn v3.2 (BSD-2), run when voice activity pauses.</summary>
public sealed class EndOfTurnOptions
{
    public const string SectionName = "EndOfTurn";

    /// <value>The Smart Turn model. Default "" = "{Runtime:ModelsDirectory}/smart-turn-v3.2-cpu.onnx" (`pixelholo models pull
    /// turn`). When absent the turn falls back to the silence length. Env: PIXELHOLO_EndOfTurn__ModelPath.</value>
    public string ModelPath { get; set; } = "";

    /// <value>P(complete) at or above which the turn is over, 0 to 1. Default 0.5 (the model card's).</value>
    [Range(0.0, 1.0)]
    public double Threshold { get; set; } = 0.5;
}
