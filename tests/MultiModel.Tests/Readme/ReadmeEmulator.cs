using Microsoft.Extensions.DependencyInjection;
using MultiModel.DependencyInjection;
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
    public static IServiceCollection UseEmulator(this IServiceCollection services, ProviderEmulator emulator) =>
        services.Configure<MultiModelOptions>(options =>
        {
            foreach (var (name, provider) in options.Providers)
            {
                var claude = string.Equals(provider.Kind, "Claude", StringComparison.OrdinalIgnoreCase);
                provider.BaseUrl = claude ? emulator.AnthropicBaseUrl : emulator.XaiBaseUrl;
                provider.ApiKey = claude ? emulator.Anthropic.ApiKey : emulator.Xai.ApiKey;
                provider.Resilience.Retry.MaxRetryAttempts = 0;
            }
        });
}
