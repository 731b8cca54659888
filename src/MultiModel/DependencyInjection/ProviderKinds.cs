using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;

namespace MultiModel.DependencyInjection;

/// <summary>Facts about each <see cref="ProviderKind"/>: its name in configuration, default address and key variable.</summary>
internal static class ProviderKinds
{
    public static ProviderKind? Parse(string? kind) => kind?.Trim().ToUpperInvariant() switch
    {
        "GROK" or "XAI" => ProviderKind.Grok,
        "CLAUDE" or "ANTHROPIC" => ProviderKind.Claude,
        "OPENAICOMPATIBLE" => ProviderKind.OpenAICompatible,
        _ => null,
    };

    public static Uri? DefaultBaseUrl(ProviderKind kind) => kind switch
    {
        ProviderKind.Grok => new GrokProviderOptions().BaseUrl,
        ProviderKind.Claude => new ClaudeProviderOptions().BaseUrl,
        _ => null,
    };

    public static string? ApiKeyVariable(ProviderKind kind) => kind switch
    {
        ProviderKind.Grok => "XAI_API_KEY",
        ProviderKind.Claude => "ANTHROPIC_API_KEY",
        _ => null,
    };
}
