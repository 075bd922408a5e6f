namespace PixelHolo.Conversation.Llm;

/// <summary>Makes cancelling a streamed answer close its connection at once. OllamaSharp 5.5.2 reads the chat stream with
/// a <c>ReadLineAsync()</c> that takes no token, so cancellation is only seen when the next line arrives: a model that hangs
/// mid-answer would hold the turn (and its stall watchdog) forever. The token a handler sees cannot help either:
/// HttpClient links the caller's token into one of its own and drops that link once the headers are in. So the caller
/// opens a <see cref="ResponseScope"/> with its token around the streamed call; this handler hands every response sent in
/// that async flow to the scope, and cancelling the token disposes them, which closes the connection and fails the
/// pending read straight away (the caller turns that into its timeout or barge-in).</summary>
internal sealed class CancellationClosesResponseHandler : DelegatingHandler
{
    private static readonly AsyncLocal<ResponseScope?> Current = new();

    /// <summary>Until disposed, responses of requests sent from this async flow are disposed when
    /// <paramref name="cancellationToken"/> is cancelled.</summary>
    public static ResponseScope CloseOnCancel(CancellationToken cancellationToken)
    {
        var scope = new ResponseScope(cancellationToken);
        Current.Value = scope;
        return scope;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Current.Value?.Add(response);
        return response;
    }

    /// <summary>The responses of one streamed call, disposed together when its token is cancelled.</summary>
    internal sealed class ResponseScope : IDisposable
    {
        private readonly List<HttpResponseMessage> _responses = [];
        private readonly Lock _gate = new();
        private readonly CancellationTokenRegistration _registration;
        private bool _cancelled;

        public ResponseScope(CancellationToken cancellationToken) =>
            _registration = cancellationToken.Register(static state => ((ResponseScope)state!).CloseAll(), this);

        public void Add(HttpResponseMessage response)
        {
            lock (_gate)
            {
                if (!_cancelled) { _responses.Add(response); return; }
            }
            response.Dispose(); // cancelled while the headers were on their way
        }

        private void CloseAll()
        {
            HttpResponseMessage[] open;
            lock (_gate)
            {
                _cancelled = true;
                open = [.. _responses];
                _responses.Clear();
            }
            foreach (HttpResponseMessage response in open) { response.Dispose(); }
        }

        public void Dispose()
        {
            _registration.Dispose();
            lock (_gate) { _responses.Clear(); } // their owners dispose them
        }
    }
}
