using Microsoft.Extensions.Configuration;
using MultiModel.DependencyInjection;
using MultiModel.Testing;

namespace MultiModel.Samples;

/// <summary>
/// Decides how a sample reaches its providers: the real APIs for the providers that have a key (the others are left
/// out of the chain: a chain of one is still a chain), or the built-in emulator when none has a key or under --offline.
/// </summary>
internal sealed class SampleProviders : IAsyncDisposable
{
    private readonly ProviderKeys _keys;

    private SampleProviders(ProviderKeys keys, ProviderEmulator? emulator)
    {
        _keys = keys;
        Emulator = emulator;
    }

    /// <summary>Gets the emulator the providers call, or <see langword="null"/> when they call the real APIs.</summary>
    public ProviderEmulator? Emulator { get; }

    /// <summary>Gets the providers left out of the chain for want of a key, each with the variable that would give it one (none under the emulator).</summary>
    public IReadOnlyList<(string Name, string Variable)> LeftOut => Emulator is null ? _keys.WithoutKey : [];

    /// <summary>Gets what the sample tells its user about this choice, one line each.</summary>
    public IEnumerable<string> Notices => Emulator is { } emulator
        ?
        [
            $"No API keys configured (or --offline): using the built-in provider emulator at {emulator.BaseAddress}.",
            "Set XAI_API_KEY and ANTHROPIC_API_KEY to call the real APIs.",
        ]
        : LeftOut.Select(p => $"No API key for {p.Name} (set {p.Variable} or MultiModel:Providers:{p.Name}:ApiKey): the chain runs without it.");

    /// <summary>Starts the emulator when needed and points the configured providers at it.</summary>
    /// <param name="configuration">The sample's configuration; its MultiModel:Providers section names the providers.</param>
    /// <param name="offline">Whether --offline asked for the emulator even with keys.</param>
    /// <param name="faults">The faults to play on the emulator.</param>
    /// <param name="grokAnswer">What the emulated xAI endpoint answers.</param>
    /// <param name="claudeAnswer">What the emulated Anthropic endpoint answers.</param>
    /// <param name="deltaDelay">The pause before each streamed word (zero for none).</param>
    /// <exception cref="ArgumentException">A fault was asked for without the emulator, or names an unknown provider.</exception>
    public static async Task<SampleProviders> StartAsync(
        IConfigurationManager configuration, bool offline, IReadOnlyList<FaultSpec> faults, string grokAnswer, string claudeAnswer, TimeSpan deltaDelay)
    {
        var keys = ProviderKeys.Read(configuration);
        if (!offline && keys.WithKey.Count > 0)
        {
            if (faults.Count > 0)
            {
                throw new ArgumentException("--fault needs the emulator: add --offline to use it even though API keys are configured.");
            }

            keys.SwitchOffProvidersWithoutKey(configuration);
            return new SampleProviders(keys, null);
        }

        return new SampleProviders(keys, await OfflineEmulator.StartAsync(configuration, faults, grokAnswer, claudeAnswer, deltaDelay));
    }

    /// <summary>Leaves the providers without a key out of the chain when the real APIs are called; pass it to <c>AddMultiModel</c>.</summary>
    public void Configure(MultiModelOptions options)
    {
        if (Emulator is null)
        {
            _keys.LeaveOutProvidersWithoutKey(options);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Emulator?.DisposeAsync() ?? ValueTask.CompletedTask;
}
