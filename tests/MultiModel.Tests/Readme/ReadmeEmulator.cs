using Microsoft.Extensions.DependencyInjection;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Providers.OpenAICompatible;
using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Tests.Readme;

/// <summary>Points the README's providers (<c>grok</c>, <c>claude</c>) at a provider emulator, so the snippets run offline.</summary>
internal static class ReadmeEmulator
{
    /// <summary>Gets command-line arguments that configure grok then claude against the emulator.</summary>
    public static string[] Args(ProviderEmulator emulator) =>
    [
        "--MultiModel:Order:0=grok",
        "--MultiModel:Order:1=claude",
        "--MultiModel:Providers:grok:Kind=Grok",
        $"--MultiModel:Providers:grok:BaseUrl={emulator.XaiBaseUrl}",
        $"--MultiModel:Providers:grok:ApiKey={emulator.Xai.ApiKey}",
        "--MultiModel:Providers:grok:Resilience:Retry:MaxRetryAttempts=0",
        "--MultiModel:Providers:claude:Kind=Claude",
        $"--MultiModel:Providers:claude:BaseUrl={emulator.AnthropicBaseUrl}",
        $"--MultiModel:Providers:claude:ApiKey={emulator.Anthropic.ApiKey}",
        "--MultiModel:Providers:claude:Resilience:Retry:MaxRetryAttempts=0",
    ];

    /// <summary>Redirects the providers registered in code to the emulator (runs after the snippet's own configuration).</summary>
    public static IServiceCollection UseEmulator(this IServiceCollection services, ProviderEmulator emulator) => services
        .PostConfigureAll<GrokProviderOptions>(grok => (grok.BaseUrl, grok.ApiKey) = (emulator.XaiBaseUrl, emulator.Xai.ApiKey))
        .PostConfigureAll<ClaudeProviderOptions>(claude => (claude.BaseUrl, claude.ApiKey) = (emulator.AnthropicBaseUrl, emulator.Anthropic.ApiKey))
        .PostConfigureAll<OpenAICompatibleProviderOptions>(compatible => (compatible.BaseUrl, compatible.ApiKey) = (emulator.XaiBaseUrl, emulator.Xai.ApiKey))
        .PostConfigureAll<ProviderResilienceOptions>(resilience => resilience.Retry.MaxRetryAttempts = 0);
}
