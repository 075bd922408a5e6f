using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace PixelHolo.Web.Hosting;

/// <summary>Kestrel's listen-socket factory: binds the first of Web:Port and its fallbacks that is free, at bind time, in
/// the one container (the port is only known to be free when the bind succeeds).</summary>
internal sealed class PortFallbackBinder(IPAddress address, IReadOnlyList<int> ports)
{
    private readonly List<int> _busy = [];

    /// <summary>Ports tried first and found busy.</summary>
    public IReadOnlyList<int> BusyPorts => _busy;

    public IReadOnlyList<int> Ports => ports;

    public Socket CreateBoundSocket(EndPoint endpoint)
    {
        foreach (int port in ports)
        {
            try
            {
                return SocketTransportOptions.CreateDefaultBoundListenSocket(new IPEndPoint(address, port));
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                _busy.Add(port);
            }
        }
        throw new AddressInUseException($"Ports {string.Join(", ", _busy)} are all in use.");
    }
}
