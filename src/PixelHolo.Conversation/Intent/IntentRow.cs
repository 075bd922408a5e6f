namespace PixelHolo.Conversation.Intent;

/// <summary>A row as ML.NET sees it (the label is ignored when scoring, but the saved schema has the column).</summary>
internal sealed class IntentRow
{
    public string Text { get; set; } = "";

    public bool Label { get; set; }
}

/// <summary>The binary classifier's output column used here (the calibrated probability of "search").</summary>
internal sealed class IntentScore
{
    public float Probability { get; set; }
}
