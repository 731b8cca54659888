using System.Globalization;
using MultiModel.Internal;
using MultiModel.Providers.Capabilities;

namespace MultiModel.Providers.Claude;

/// <summary>A validated, immutable copy of <see cref="ClaudeProviderOptions"/>.</summary>
internal sealed class ClaudeSettings
{
    /// <summary>What an unknown Claude model is taken to accept: everything but log probabilities, which the Messages API never offers.</summary>
    private static readonly ModelCapabilities UnknownModel = ModelCapabilities.Permissive with { Logprobs = false };

    private ClaudeSettings(ClaudeProviderOptions options, CapabilityOptionValues capabilityValues, Uri messagesUri)
    {
        Name = options.Name;
        ApiKey = options.ApiKey!;
        Model = options.Model;
        BaseUrl = options.BaseUrl;
        MaxOutputTokens = options.MaxOutputTokens;
        AnthropicVersion = options.AnthropicVersion;
        MessagesUri = messagesUri;
        CapabilityValues = capabilityValues;
        Capabilities = Resolve(Model);
    }

    public string Name { get; }

    public string ApiKey { get; }

    public string Model { get; }

    public Uri BaseUrl { get; }

    public int MaxOutputTokens { get; }

    public string AnthropicVersion { get; }

    /// <summary>Gets the full address of <c>POST /v1/messages</c>.</summary>
    public Uri MessagesUri { get; }

    /// <summary>Gets the capability values set on the options.</summary>
    public CapabilityOptionValues CapabilityValues { get; }

    /// <summary>Gets what <see cref="Model"/> can take, resolved once.</summary>
    public ModelCapabilities Capabilities { get; }

    /// <summary>Gets what a model can take: the options' values over the model family's defaults.</summary>
    public ModelCapabilities CapabilitiesFor(string model) =>
        string.Equals(model, Model, StringComparison.Ordinal) ? Capabilities : Resolve(model);

    /// <summary>Validates the options and copies them.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names each one.</exception>
    public static ClaudeSettings Create(ClaudeProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options, nameof(ClaudeProviderOptions)).ThrowIfAny(nameof(options));
        return new ClaudeSettings(options, CapabilityOptionValues.From(options), BuildMessagesUri(options.BaseUrl));
    }

    /// <summary>Checks the options, naming each problem under <paramref name="path"/>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="path">The options' type name or configuration path.</param>
    /// <param name="keyVariable">The variable a missing key may come from (dependency injection), or <see langword="null"/>.</param>
    public static OptionProblems Validate(ClaudeProviderOptions options, string path, string? keyVariable = null)
    {
        var problems = new OptionProblems(path);
        problems.Require(!string.IsNullOrWhiteSpace(options.Name), "Name", "is required.");
        if (problems.Require(!string.IsNullOrWhiteSpace(options.ApiKey), "ApiKey", keyVariable is null ? "is required." : $"is missing; set it or the {keyVariable} variable."))
        {
            problems.Require(IsHeaderSafe(options.ApiKey!), "ApiKey", "contains white space or control characters.");
        }

        problems.Require(!string.IsNullOrWhiteSpace(options.Model), "Model", "is required.");
        BaseUrlRules.Check(problems, options.BaseUrl, options.AllowInsecureHttp);
        problems.Require(
            options.MaxOutputTokens > 0, "MaxOutputTokens", string.Create(CultureInfo.InvariantCulture, $"must be positive (was {options.MaxOutputTokens})."));
        problems.Require(
            !string.IsNullOrWhiteSpace(options.AnthropicVersion) && IsHeaderSafe(options.AnthropicVersion),
            "AnthropicVersion",
            "is required and must not contain white space.");
        CapabilityOptionValues.From(options).Check(problems);
        return problems;
    }

    private ModelCapabilities Resolve(string model) => CapabilityValues.ApplyTo(ModelFamilies.FindClaude(model) ?? UnknownModel);

    private static Uri BuildMessagesUri(Uri baseUrl)
    {
        var builder = new UriBuilder(baseUrl);
        builder.Path = builder.Path.TrimEnd('/') + "/v1/messages";
        return builder.Uri;
    }

    private static bool IsHeaderSafe(string value)
    {
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
