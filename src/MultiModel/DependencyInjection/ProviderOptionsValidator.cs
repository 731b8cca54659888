using Microsoft.Extensions.Options;
using MultiModel.Providers.ChatCompletions;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using MultiModel.Providers.OpenAICompatible;
using MultiModel.Resilience;

namespace MultiModel.DependencyInjection;

/// <summary>
/// Validates each provider's options at start-up with the very rules its constructor applies (and the resilience
/// options with their own validator), every message naming the configuration path. Options are named after the provider.
/// </summary>
internal sealed class ProviderOptionsValidator :
    IValidateOptions<GrokProviderOptions>,
    IValidateOptions<ClaudeProviderOptions>,
    IValidateOptions<OpenAICompatibleProviderOptions>,
    IValidateOptions<ProviderResilienceOptions>
{
    public ValidateOptionsResult Validate(string? name, GrokProviderOptions options) => string.IsNullOrEmpty(name)
        ? ValidateOptionsResult.Skip
        : Result(ChatCompletionsSettings.Validate(GrokChatProvider.Describe(options), ConfigurationPaths.Provider(name), ProviderKinds.ApiKeyVariable(ProviderKind.Grok)).Messages);

    public ValidateOptionsResult Validate(string? name, ClaudeProviderOptions options) => string.IsNullOrEmpty(name)
        ? ValidateOptionsResult.Skip
        : Result(ClaudeSettings.Validate(options, ConfigurationPaths.Provider(name), ProviderKinds.ApiKeyVariable(ProviderKind.Claude)).Messages);

    public ValidateOptionsResult Validate(string? name, OpenAICompatibleProviderOptions options) => string.IsNullOrEmpty(name)
        ? ValidateOptionsResult.Skip
        : Result(ChatCompletionsSettings.Validate(OpenAICompatibleChatProvider.Describe(options), ConfigurationPaths.Provider(name)).Messages);

    public ValidateOptionsResult Validate(string? name, ProviderResilienceOptions options) => string.IsNullOrEmpty(name)
        ? ValidateOptionsResult.Skip
        : Result(ProviderResilienceOptionsValidator.Validate(options, ConfigurationPaths.Resilience(name)));

    private static ValidateOptionsResult Result(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
}
