using BenchmarkDotNet.Attributes;

namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>Creates the clients of each benchmark case against the shared emulator process; disposes them afterwards.</summary>
public abstract class EmulatorBenchmarkBase : IDisposable
{
    private EmulatorServer? _server;
    private Clients? _clients;

    internal EmulatorServer Server => _server ?? throw new InvalidOperationException("Not set up.");

    internal Clients Clients => _clients ?? throw new InvalidOperationException("Not set up.");

    [GlobalSetup]
    public void StartEmulator()
    {
        _server = EmulatorServer.Shared;
        _clients = new Clients();
        CreateClients();
    }

    [GlobalCleanup]
    public void StopEmulator()
    {
        _clients?.Dispose();
        _clients = null;
        _server = null;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            StopEmulator();
        }
    }

    /// <summary>Creates the clients the benchmarks of the class use, once the emulator runs.</summary>
    protected abstract void CreateClients();
}
