namespace MultiModel.Testing;

/// <summary>Identifies which provider API a <see cref="ProviderEmulator"/> endpoint imitates.</summary>
public enum EmulatedProviderKind
{
    /// <summary>The Anthropic Messages API (<c>POST /v1/messages</c>).</summary>
    Anthropic,

    /// <summary>The xAI Chat Completions API (<c>POST /v1/chat/completions</c>).</summary>
    Xai,
}
