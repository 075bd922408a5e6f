using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Stage;
using PixelHolo.Web.Stage;

namespace PixelHolo.Web.Tests.Stage;

/// <summary>Issue 14: a failed start is not cached, a forgotten profile keeps no session, a session does not die with
/// the request that opened it.</summary>
public sealed class StageSessionsTests
{
    private static readonly AvatarProfile Ada = new("ada", "Ada", "You are Ada.", DateTimeOffset.UnixEpoch, ProfileStatus.Ready, "/nowhere/ada");
    private static readonly AvatarProfile Bob = Ada with { Id = "bob", Name = "Bob" };

    private static StageSessions Create(IStageConversationFactory? factory, params IStageObserver[] observers)
    {
        var services = new ServiceCollection();
        if (factory is not null) { services.AddSingleton(factory); }
        return new StageSessions(services.BuildServiceProvider(), observers, Options.Create(new StageSocketOptions()), NullLogger<StageSessions>.Instance);
    }

    [Fact]
    public async Task OpenAsync_FactoryFailedOnce_NextOpenSucceeds()
    {
        var factory = new ScriptedStageConversationFactory { FailNext = 1 };
        await using StageSessions sessions = Create(factory);

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => sessions.OpenAsync(Ada, ListeningMode.PressToTalk));
        await using StageSession session = await sessions.OpenAsync(Ada, ListeningMode.PressToTalk);

        Assert.Equal(2, factory.Attempts);
        Assert.Same(factory.Last, session.Conversation);
        Assert.Equal(1, sessions.Count("ada"));
    }

    [Fact]
    public async Task OpenAsync_NoTurnMachineRegistered_ServiceUnavailableNamingIt()
    {
        await using StageSessions sessions = Create(factory: null);

        var ex = await Assert.ThrowsAsync<ServiceUnavailableException>(() => sessions.OpenAsync(Ada, ListeningMode.HandsFree));

        Assert.Contains("IStageConversationFactory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_RequestTokenCancelledAfterwards_SessionStaysOpen()
    {
        var factory = new ScriptedStageConversationFactory();
        await using StageSessions sessions = Create(factory);
        using var request = new CancellationTokenSource();

        await using StageSession session = await sessions.OpenAsync(Ada, ListeningMode.PressToTalk, request.Token);
        await request.CancelAsync();

        Assert.False(session.Closing.IsCancellationRequested);
        Assert.False(factory.Last.Disposed);
        Assert.Equal(1, sessions.Count());
    }

    [Fact]
    public async Task Forget_OneProfile_ClosesOnlyItsSessionsAndDisposalRemovesThem()
    {
        var factory = new ScriptedStageConversationFactory();
        await using StageSessions sessions = Create(factory);
        StageSession ada1 = await sessions.OpenAsync(Ada, ListeningMode.PressToTalk);
        StageSession ada2 = await sessions.OpenAsync(Ada, ListeningMode.HandsFree);
        await using StageSession bob = await sessions.OpenAsync(Bob, ListeningMode.PressToTalk);

        sessions.Forget("ada");

        Assert.True(ada1.Closing.IsCancellationRequested);
        Assert.True(ada2.Closing.IsCancellationRequested);
        Assert.Equal(StageCloseReason.ProfileGone, ada1.CloseReason);
        Assert.False(bob.Closing.IsCancellationRequested);
        await ada1.DisposeAsync(); // what the socket does once it has told the page
        await ada2.DisposeAsync();
        await ada2.DisposeAsync(); // twice: disposes the conversation once
        Assert.Equal(0, sessions.Count("ada"));
        Assert.Equal(1, sessions.Count());
        Assert.True(factory.Opened[0].Disposed);
        Assert.True(factory.Opened[1].Disposed);
        Assert.False(factory.Opened[2].Disposed);
    }

    [Fact]
    public async Task DisposeAsync_ServerStopping_EverySessionClosedAndDisposed()
    {
        var factory = new ScriptedStageConversationFactory();
        StageSessions sessions = Create(factory);
        StageSession ada = await sessions.OpenAsync(Ada, ListeningMode.PressToTalk);
        StageSession bob = await sessions.OpenAsync(Bob, ListeningMode.PressToTalk);

        sessions.Stop();
        Assert.Equal(StageCloseReason.ServerStopping, ada.CloseReason);
        await sessions.DisposeAsync();

        Assert.True(ada.IsDisposed && bob.IsDisposed);
        Assert.All(factory.Opened, c => Assert.True(c.Disposed));
        Assert.Equal(0, sessions.Count());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sessions.OpenAsync(Ada, ListeningMode.PressToTalk));
    }

    [Fact]
    public async Task Notify_AnObserverThrows_TheOthersStillHearIt()
    {
        var heard = new List<StageState>();
        await using StageSessions sessions = Create(new ScriptedStageConversationFactory(), new ThrowingObserver(), new ListObserver(heard));
        await using StageSession session = await sessions.OpenAsync(Ada, ListeningMode.PressToTalk);

        session.Notify(new StageEvent(StageState.Speaking, null, DateTimeOffset.UnixEpoch));

        Assert.Equal([StageState.Speaking], heard);
    }

    private sealed class ThrowingObserver : IStageObserver
    {
        public void OnStageChanged(StageEvent stageEvent) => throw new InvalidOperationException("observer bug");
    }

    private sealed class ListObserver(List<StageState> heard) : IStageObserver
    {
        public void OnStageChanged(StageEvent stageEvent) => heard.Add(stageEvent.State);
    }
}
