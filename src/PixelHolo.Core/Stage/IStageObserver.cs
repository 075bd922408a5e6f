namespace PixelHolo.Core.Stage;

/// <summary>Something that reacts to the avatar's stage changes (face tracking pauses while the avatar speaks).
/// The turn state machine (the only owner of the state) calls every registered observer on each change.</summary>
public interface IStageObserver
{
    /// <summary>Called on every change; must return quickly and never throw.</summary>
    void OnStageChanged(StageEvent stageEvent);
}
