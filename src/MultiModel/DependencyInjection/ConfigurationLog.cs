using Microsoft.Extensions.Logging;

namespace MultiModel.DependencyInjection;

/// <summary>The source-generated log messages about MultiModel's configuration; event ids are a public contract (listed in the README).</summary>
internal static partial class ConfigurationLog
{
    /// <summary>The category of the configuration messages.</summary>
    public const string Category = "MultiModel.Configuration";

    [LoggerMessage(EventId = 300, EventName = "ConfigurationReloadRejected", Level = LogLevel.Error,
        Message = "The reloaded MultiModel configuration is invalid and was not applied; the previous configuration stays in force. {ProblemCount} problems: {Problems}")]
    public static partial void ReloadRejected(this ILogger logger, int problemCount, string problems);

    [LoggerMessage(EventId = 301, EventName = "ConfigurationReloaded", Level = LogLevel.Information,
        Message = "The reloaded MultiModel configuration is in force for calls that start from now on ({ProviderCount} providers, {ChainCount} chains).")]
    public static partial void ReloadApplied(this ILogger logger, int providerCount, int chainCount);
}
