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
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it.</exception>
    public static ClaudeSettings Create(ClaudeProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var capabilityValues = CapabilityOptionValues.From(options);
        if ((FindProblem(options) ?? capabilityValues.FindProblem(nameof(ClaudeProviderOptions))) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        return new ClaudeSettings(options, capabilityValues, BuildMessagesUri(options.BaseUrl));
    }

    private ModelCapabilities Resolve(string model) => CapabilityValues.ApplyTo(ModelFamilies.FindClaude(model) ?? UnknownModel);

    private static string? FindProblem(ClaudeProviderOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            return "ClaudeProviderOptions.Name is required.";
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return "ClaudeProviderOptions.ApiKey is required.";
        }

        if (!IsHeaderSafe(options.ApiKey))
        {
            return "ClaudeProviderOptions.ApiKey contains white space or control characters.";
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            return "ClaudeProviderOptions.Model is required.";
        }

        if (options.BaseUrl is null)
        {
            return "ClaudeProviderOptions.BaseUrl is required.";
        }

        if (!options.BaseUrl.IsAbsoluteUri || (options.BaseUrl.Scheme != Uri.UriSchemeHttps && options.BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            return $"ClaudeProviderOptions.BaseUrl must be an absolute http or https address (was '{ErrorText.Address(options.BaseUrl)}').";
        }

        if (options.MaxOutputTokens <= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"ClaudeProviderOptions.MaxOutputTokens must be positive (was {options.MaxOutputTokens}).");
        }

        if (string.IsNullOrWhiteSpace(options.AnthropicVersion) || !IsHeaderSafe(options.AnthropicVersion))
        {
            return "ClaudeProviderOptions.AnthropicVersion is required and must not contain white space.";
        }

        return null;
    }

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
