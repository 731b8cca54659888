using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Redis.Tests.TestSupport;

/// <summary>The identity hashes the replicas of these tests write under (no identity secret configured).</summary>
internal static class SharedKeys
{
    /// <summary>Gets the identity of the emulated Claude provider (the default model, the emulator's key).</summary>
    public static string Identity(ProviderEmulator emulator) =>
        ProviderIdentity.Create(emulator.AnthropicBaseUrl, "claude-sonnet-4-5", emulator.Anthropic.ApiKey).ToKey([]);
}
