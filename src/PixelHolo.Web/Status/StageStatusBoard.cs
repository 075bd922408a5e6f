using PixelHolo.Core.Stage;

namespace PixelHolo.Web.Status;

/// <summary>The stage's latest state, for GET /api/status (the stage observers see every change of every open stage).</summary>
internal sealed class StageStatusBoard : IStageObserver
{
    private StageEvent? _latest;

    /// <summary>The latest state, or <see cref="StageState.Idle"/> before any stage opened.</summary>
    public StageState State => Volatile.Read(ref _latest)?.State ?? StageState.Idle;

    public void OnStageChanged(StageEvent stageEvent) => Volatile.Write(ref _latest, stageEvent);
}
