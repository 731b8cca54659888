using System.Net;
using System.Net.Sockets;
using Garnet;
using Garnet.server;

namespace MultiModel.Redis.Tests.TestSupport;

/// <summary>Starts Microsoft Garnet in this process on a loopback port, memory only: the Redis-compatible server of the tests and benchmarks.</summary>
/// <remarks>
/// <c>LuaTransactionMode</c> is on: without it Garnet's scripts are not atomic (with it they lock their declared keys).
/// A stopped server is not restarted: a new one starts on the same port at once. The <c>string[]</c> constructor of
/// <see cref="GarnetServer"/> is not used, as it may end the process on a bad argument.
/// </remarks>
internal static class EmbeddedGarnet
{
    public static GarnetServer Start(int port)
    {
        var garnet = new GarnetServer(
            new GarnetServerOptions(logger: null)
            {
                EndPoints = [new IPEndPoint(IPAddress.Loopback, port)],
                EnableAOF = false,
                EnableStorageTier = false,
                Recover = false,
                CheckpointFrequencySecs = 0,
                IndexMemorySize = "1m",
                LogMemorySize = "64m",
                PageSize = "1m",
                EnableLua = true,
                LuaTransactionMode = true,
                LuaOptions = new LuaOptions(logger: null),
                QuietMode = true,
            },
            null,
            null,
            false);
        try
        {
            garnet.Start();
            return garnet;
        }
        catch
        {
            garnet.Dispose();
            throw;
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
