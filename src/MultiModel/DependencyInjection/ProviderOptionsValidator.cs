using Microsoft.Extensions.Options;
using MultiModel.Internal;
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
    IValidateOptions<ProviderResilienceOptions>,
    IValidateOptions<ProviderRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, GrokProviderOptions options) => string.IsNullOrEmpty(name)
        ? ValidateOptionsResult.Skip
        : Result(NameMatches(name, options.Name, ChatCompletionsSettings.Validate(GrokChatProvider.Describe(options), ConfigurationPaths.Provider(name), ProviderKinds.ApiKeyVariable(ProviderKind.Grok))));

    public ValidateOptionsResult Validate(string? name, ClaudeProviderOptions options) => string.IsNullOrEmpty(name)
        ? ValidateOptionsResult.Skip
        : Result(NameMatches(name, options.Name, ClaudeSettings.Validate(options, ConfigurationPaths.Provider(name), ProviderKinds.ApiKeyVariable(ProviderKind.Claude))));

    public ValidateOptionsResult Validate(string? name, OpenAICompatibleProviderOptions options) => string.IsNullOrEmpty(name)
        ? ValidateOptionsResult.Skip
        : Result(NameMatches(name, options.Name, ChatCompletionsSettings.Validate(OpenAICompatibleChatProvider.Describe(options), ConfigurationPaths.Provider(name))));

    public ValidateOptionsResult Validate(string? name, ProviderResilienceOptions options) => string.IsNullOrEmpty(name)
        ? ValidateOptionsResult.Skip
        : Result(ProviderResilienceOptionsValidator.Validate(options, ConfigurationPaths.Resilience(name)));

    public ValidateOptionsResult Validate(string? name, ProviderRateLimitOptions options) => string.IsNullOrEmpty(name)
        ? ValidateOptionsResult.Skip
        : Result(ProviderRateLimitOptions.Validate(options, ConfigurationPaths.RateLimit(name)));

    /// <summary>Adds a problem when the options name the provider differently from its key (chains and health find providers by that key).</summary>
    private static IReadOnlyList<string> NameMatches(string key, string? name, OptionProblems problems)
    {
        problems.Require(string.Equals(name, key, StringComparison.Ordinal), "Name", $"must be the provider's key '{key}' (was '{name}'); leave it out.");
        return problems.Messages;
    }

    private static ValidateOptionsResult Result(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
}
