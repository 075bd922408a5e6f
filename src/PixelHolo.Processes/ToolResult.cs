namespace PixelHolo.Processes;

/// <summary>What a tool that exited with code 0 printed.</summary>
public sealed record ToolResult(byte[] StandardOutput, string StandardErrorTail)
{
    /// <summary>stdout decoded as UTF-8.</summary>
    public string StandardOutputText => System.Text.Encoding.UTF8.GetString(StandardOutput);
}
