using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PixelHolo.Core.Stage;
using PixelHolo.Web.Stage;

namespace PixelHolo.Web.Tests.Stage;

/// <summary><see cref="StageSocket"/> over a real WebSocket on a loopback TCP pair, with a conversation whose input side
/// throws what the socket does not expect (docs/robustness.md §6: the send gate was disposed under a running output pump).</summary>
public sealed class StageSocketShutdownTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task RunAsync_ConversationThrowsUnexpectedlyOnInput_BothSidesStoppedBeforeItReturnsAndThePageToldWhy()
    {
        (WebSocket server, WebSocket page, IDisposable connection) = await ConnectAsync();
        using IDisposable _ = connection;
        await using var conversation = new ThrowingConversation();
        await using var session = new StageSession("p1", conversation, _ => { }, CancellationToken.None);
        Task run;
        using (var stage = new StageSocket(server, session, new StageSocketOptions(), NullLogger.Instance))
        {
            run = stage.RunAsync(ListeningMode.PressToTalk, CancellationToken.None);
            Assert.Contains("\"hello\"", await ReceiveTextAsync(page), StringComparison.Ordinal);
            await page.SendAsync("{\"type\":\"keyDown\"}"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);

            Exception? thrown = await Record.ExceptionAsync(() => run.WaitAsync(Patience));

            Assert.Null(thrown);
            // The output pump was stopped and awaited before RunAsync returned (so before the send gate is disposed).
            Assert.True(conversation.ReaderEnded.Task.IsCompleted, "the output pump was still running when RunAsync returned");
        }
        Assert.Contains("\"error\"", await ReceiveTextAsync(page), StringComparison.Ordinal);
        WebSocketReceiveResult close = await page.ReceiveAsync(new byte[1024], CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(WebSocketMessageType.Close, close.MessageType);
        Assert.Equal(WebSocketCloseStatus.InternalServerError, close.CloseStatus);
        // An output that comes after the socket was disposed is never sent (no ObjectDisposedException from a pump left behind).
        conversation.Late.SetResult();
        Assert.False(conversation.LateOutputRead);
    }

    private static async Task<string> ReceiveTextAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    /// <summary>A server and a client WebSocket over a loopback TCP connection (port chosen by the system).</summary>
    private static async Task<(WebSocket Server, WebSocket Client, IDisposable Connection)> ConnectAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient();
        Task connecting = client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        TcpClient accepted = await listener.AcceptTcpClientAsync().WaitAsync(Patience);
        await connecting.WaitAsync(Patience);
        WebSocket server = WebSocket.CreateFromStream(accepted.GetStream(), new WebSocketCreationOptions { IsServer = true });
        WebSocket page = WebSocket.CreateFromStream(client.GetStream(), new WebSocketCreationOptions { IsServer = false });
        return (server, page, new Both(accepted, client, server, page));
    }

    private sealed class Both(params IDisposable[] parts) : IDisposable
    {
        public void Dispose() { foreach (IDisposable part in parts) { part.Dispose(); } }
    }

    /// <summary>Takes no input (throws an exception the socket has no case for); its outputs wait until the test releases
    /// <see cref="Late"/>, after the socket is gone.</summary>
    private sealed class ThrowingConversation : IStageConversation
    {
        public string ProfileId => "p1";

        public StageState State => StageState.Idle;

        public TaskCompletionSource ReaderEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Late { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool LateOutputRead { get; private set; }

        public async IAsyncEnumerable<StageOutput> ReadOutputsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            try
            {
                await Late.Task.WaitAsync(cancellationToken);
                LateOutputRead = true;
                yield return new StageOutput.StateChanged(new StageEvent(StageState.Listening, null, DateTimeOffset.UnixEpoch), "t1");
            }
            finally
            {
                ReaderEnded.TrySetResult();
            }
        }

        public ValueTask SendAsync(StageInput input, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the machine broke on " + input.GetType().Name);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
