using Microsoft.Extensions.Configuration;
using MultiModel.Testing;

namespace MultiModel.Samples;

/// <summary>
/// Runs the sample without network access or keys: starts the loopback <see cref="ProviderEmulator"/>, points every
/// configured provider at it with the emulator's keys, and scripts the requested faults.
/// </summary>
internal static class OfflineEmulator
{
    /// <summary>Starts the emulator and adds configuration that sends every provider to it.</summary>
    /// <param name="configuration">The configuration to extend; its MultiModel:Providers section names the providers.</param>
    /// <param name="faults">The faults to play, each on every request to its provider.</param>
    /// <param name="grokAnswer">What the xAI endpoint answers.</param>
    /// <param name="claudeAnswer">What the Anthropic endpoint answers.</param>
    /// <param name="deltaDelay">The pause before each streamed word (zero for none).</param>
    public static async Task<ProviderEmulator> StartAsync(
        IConfigurationManager configuration, IReadOnlyList<FaultSpec> faults, string grokAnswer, string claudeAnswer, TimeSpan deltaDelay)
    {
        var emulator = await ProviderEmulator.StartAsync();
        var delay = deltaDelay;
        emulator.Xai.Default = EmulatorBehavior.Answer(grokAnswer).WithDeltaDelay(delay);
        emulator.Anthropic.Default = EmulatorBehavior.Answer(claudeAnswer).WithDeltaDelay(delay);

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var endpoints = new Dictionary<string, EmulatedProvider>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in configuration.GetSection("MultiModel:Providers").GetChildren())
        {
            var endpoint = ProviderKeys.IsClaude(provider["Kind"]) ? emulator.Anthropic : emulator.Xai;
            endpoints[provider.Key] = endpoint;
            overrides[$"{provider.Path}:BaseUrl"] = (endpoint == emulator.Anthropic ? emulator.AnthropicBaseUrl : emulator.XaiBaseUrl).ToString();
            overrides[$"{provider.Path}:ApiKey"] = endpoint.ApiKey;
        }

        foreach (var fault in faults)
        {
            if (!endpoints.TryGetValue(fault.ProviderName, out var endpoint))
            {
                await emulator.DisposeAsync();
                throw new ArgumentException($"--fault names '{fault.ProviderName}', which is not under MultiModel:Providers (known: {string.Join(", ", endpoints.Keys)}).");
            }

            endpoint.Default = fault.ToBehavior().WithDeltaDelay(delay);
        }

        configuration.AddInMemoryCollection(overrides);
        return emulator;
    }
}
