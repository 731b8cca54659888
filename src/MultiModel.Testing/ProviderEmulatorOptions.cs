using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MultiModel.Testing;

/// <summary>Configures a <see cref="ProviderEmulator"/>.</summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class ProviderEmulatorOptions
{
    /// <summary>Gets or sets the API key the Anthropic endpoint accepts in <c>x-api-key</c>.</summary>
    /// <value>The default value is <c>sk-ant-emulator-key</c>.</value>
    public string AnthropicApiKey { get; set; } = "sk-ant-emulator-key";

    /// <summary>Gets or sets the API key the xAI endpoint accepts as <c>Authorization: Bearer</c>.</summary>
    /// <value>The default value is <c>xai-emulator-key</c>.</value>
    public string XaiApiKey { get; set; } = "xai-emulator-key";

    /// <summary>Gets or sets the answer text used by behaviours that do not name one.</summary>
    /// <value>The default value is <c>Hello from the provider emulator.</c></value>
    public string DefaultAnswer { get; set; } = "Hello from the provider emulator.";

    /// <summary>Gets or sets the clock for behaviour delays and timestamps.</summary>
    /// <value>The default value is <see langword="null"/> (<see cref="TimeProvider.System"/>).</value>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Gets or sets the logger factory for the server's own logs.</summary>
    /// <value>The default value is <see langword="null"/> (no logging).</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets the loopback port to listen on.</summary>
    /// <value>The default value is 0 (a free port chosen by the system).</value>
    public int Port { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"ProviderEmulatorOptions Port={Port} DefaultAnswer=\"{DefaultAnswer}\"";
}
