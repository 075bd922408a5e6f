using PixelHolo.Core.Stage;

namespace PixelHolo.Core.Conversation;

/// <summary>Publishes stage state changes for one stage session (the stage page shows them as icons).</summary>
public interface IStageEvents
{
    void Publish(StageState state, string? detail = null);
}
