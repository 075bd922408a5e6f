using PixelHolo.Core.Stage;
using PixelHolo.Web.Stage;

namespace PixelHolo.Web.Tests.Stage;

public sealed class StageSessionTests
{
    [Fact]
    public async Task ServerStops_TheReasonIsReadableFromTheFirstCallbackOnClosing()
    {
        using var server = new CancellationTokenSource();
        await using var session = new StageSession("p1", new ScriptedStageConversation("p1", ListeningMode.PressToTalk, 10), _ => { }, server.Token);
        var seen = StageCloseReason.None;
        // Registered after the session's own: a token runs its callbacks newest first, as the socket's linked token is run.
        using CancellationTokenRegistration socket = session.Closing.Register(() => seen = session.CloseReason);

        await server.CancelAsync();

        Assert.Equal(StageCloseReason.ServerStopping, seen);
        Assert.Equal(StageCloseReason.ServerStopping, session.CloseReason);
    }

    [Fact]
    public async Task ProfileGoneThenServerStops_TheFirstReasonWins()
    {
        using var server = new CancellationTokenSource();
        await using var session = new StageSession("p1", new ScriptedStageConversation("p1", ListeningMode.PressToTalk, 10), _ => { }, server.Token);

        session.Close(StageCloseReason.ProfileGone);
        await server.CancelAsync();

        Assert.True(session.Closing.IsCancellationRequested);
        Assert.Equal(StageCloseReason.ProfileGone, session.CloseReason);
    }

    [Fact]
    public async Task ServerStopsThenProfileGone_TheFirstReasonWins()
    {
        using var server = new CancellationTokenSource();
        await using var session = new StageSession("p1", new ScriptedStageConversation("p1", ListeningMode.PressToTalk, 10), _ => { }, server.Token);

        await server.CancelAsync();
        session.Close(StageCloseReason.ProfileGone);

        Assert.Equal(StageCloseReason.ServerStopping, session.CloseReason);
    }
}
