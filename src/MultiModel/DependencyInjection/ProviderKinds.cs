namespace MultiModel.DependencyInjection;

/// <summary>Facts about each <see cref="ProviderKind"/>: its name in configuration and the variable its key may come from.</summary>
internal static class ProviderKinds
{
    public const string Names = "Grok, Claude or OpenAICompatible";

    public static ProviderKind? Parse(string? kind) => kind?.Trim().ToUpperInvariant() switch
    {
        "GROK" or "XAI" => ProviderKind.Grok,
        "CLAUDE" or "ANTHROPIC" => ProviderKind.Claude,
        "OPENAICOMPATIBLE" => ProviderKind.OpenAICompatible,
        _ => null,
    };

    public static string? ApiKeyVariable(ProviderKind kind) => kind switch
    {
        ProviderKind.Grok => "XAI_API_KEY",
        ProviderKind.Claude => "ANTHROPIC_API_KEY",
        _ => null,
    };
}
