namespace MultiModel.DependencyInjection;

/// <summary>The kinds of provider that configuration can create.</summary>
internal enum ProviderKind
{
    Grok,
    Claude,
    OpenAICompatible,
}
