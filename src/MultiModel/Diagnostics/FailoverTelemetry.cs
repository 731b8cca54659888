using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MultiModel.Diagnostics;

/// <summary>The telemetry of one failover chain configuration: its logger, its instruments and whether content may be recorded.</summary>
internal sealed class FailoverTelemetry
{
    public FailoverTelemetry(string chainName, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory, bool enableSensitiveData)
    {
        ChainName = chainName;
        Logger = loggerFactory?.CreateLogger(Log.FailoverCategory) ?? NullLogger.Instance;
        Metrics = MultiModelMetrics.For(meterFactory);
        EnableSensitiveData = enableSensitiveData;
    }

    public string ChainName { get; }

    public ILogger Logger { get; }

    public MultiModelMetrics Metrics { get; }

    public bool EnableSensitiveData { get; }
}
