namespace PixelHolo.Processes;

/// <summary>Which of a started tool's pipes the caller uses. stderr is always collected (its tail goes into every
/// failure); an output pipe the caller does not want is drained, so the tool never blocks on a full pipe.</summary>
[Flags]
public enum ToolPipes
{
    /// <summary>Neither: stdin is closed at once and stdout drained.</summary>
    None = 0,

    /// <summary>The caller writes <see cref="RunningTool.StandardInput"/>.</summary>
    Input = 1,

    /// <summary>The caller reads <see cref="RunningTool.StandardOutput"/>.</summary>
    Output = 2,

    /// <summary>Both.</summary>
    InputAndOutput = Input | Output,
}
