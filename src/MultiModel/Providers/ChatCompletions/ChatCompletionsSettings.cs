using System.Diagnostics;
using System.Globalization;
using MultiModel.Internal;
using MultiModel.Providers.Capabilities;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>The validated, immutable configuration of one chat-completions endpoint.</summary>
/// <remarks>The API key is never part of <see cref="ToString"/>.</remarks>
[DebuggerDisplay("{ToString(),nq}")]
internal sealed class ChatCompletionsSettings
{
    private static readonly string[] ReservedHeaders = ["Authorization", "Content-Type", "Content-Length", "Host"];

    /// <summary>What an unknown model is taken to accept: everything but documents, for which the format has no place.</summary>
    private static readonly ModelCapabilities UnknownModel = ModelCapabilities.Permissive with { Documents = false };

    private readonly CapabilityOptionValues _capabilityValues;
    private readonly Func<string, ModelCapabilities?>? _findFamily;

    private ChatCompletionsSettings(
        string providerName,
        string providerSystem,
        Uri baseUrl,
        string model,
        string? apiKey,
        KeyValuePair<string, string>[] headers,
        int? maxOutputTokens,
        in ChatCompletionsOptionValues options)
    {
        ProviderName = providerName;
        ProviderSystem = providerSystem;
        BaseUrl = baseUrl;
        Model = model;
        ApiKey = apiKey;
        AuthorizationValue = apiKey is null ? null : "Bearer " + apiKey;
        Headers = headers;
        MaxOutputTokens = maxOutputTokens;
        ReasoningAccounting = options.ReasoningAccounting;
        Media = options.Media;
        _capabilityValues = options.Capabilities;
        _findFamily = options.FindFamily;
        Capabilities = Resolve(model);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        Endpoint = new Uri(root, "chat/completions");
        Metadata = new ChatProviderMetadata(providerSystem, baseUrl, model);
    }

    public string ProviderName { get; }

    public string ProviderSystem { get; }

    public Uri BaseUrl { get; }

    public Uri Endpoint { get; }

    public string Model { get; }

    public string? ApiKey { get; }

    /// <summary>Gets the <c>Authorization</c> header value (<c>Bearer …</c>), built once; a secret like <see cref="ApiKey"/>.</summary>
    public string? AuthorizationValue { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public int? MaxOutputTokens { get; }

    public ReasoningTokenAccounting ReasoningAccounting { get; }

    public ChatProviderMetadata Metadata { get; }

    /// <summary>Gets what the API accepts in images and documents.</summary>
    public MediaRules Media { get; }

    /// <summary>Gets what <see cref="Model"/> can take, resolved once.</summary>
    public ModelCapabilities Capabilities { get; }

    /// <summary>Gets what a model can take: the options' values over the model family's defaults.</summary>
    public ModelCapabilities CapabilitiesFor(string model) =>
        string.Equals(model, Model, StringComparison.Ordinal) ? Capabilities : Resolve(model);

    /// <summary>Validates the values of a provider's options and snapshots them.</summary>
    /// <param name="options">The values read from the provider's options.</param>
    /// <exception cref="ArgumentException">A value is missing or invalid; the message names each one.</exception>
    public static ChatCompletionsSettings Create(in ChatCompletionsOptionValues options)
    {
        var problems = Validate(options, options.OptionsType);
        problems.ThrowIfAny(nameof(options));
        return new ChatCompletionsSettings(
            options.Name!,
            options.ProviderSystem!,
            options.BaseUrl!,
            options.Model!,
            options.ApiKey,
            SnapshotHeaders(options),
            options.MaxOutputTokens,
            options);
    }

    /// <summary>Checks the values of a provider's options, naming each problem under <paramref name="path"/>.</summary>
    /// <param name="options">The values read from the provider's options.</param>
    /// <param name="path">The options' type name or configuration path.</param>
    /// <param name="keyVariable">The variable a missing key may come from (dependency injection), or <see langword="null"/>.</param>
    public static OptionProblems Validate(in ChatCompletionsOptionValues options, string path, string? keyVariable = null)
    {
        var problems = new OptionProblems(path);
        problems.Require(!string.IsNullOrWhiteSpace(options.Name), "Name", "is required.");
        problems.Require(!string.IsNullOrWhiteSpace(options.ProviderSystem), "ProviderSystem", "is required.");
        problems.Require(!string.IsNullOrWhiteSpace(options.Model), "Model", "is required.");
        problems.Require(options.MaxOutputTokens is null or > 0, "MaxOutputTokens", Invariant($"must be positive when set (was {options.MaxOutputTokens})."));
        problems.Require(options.ApiKey is null || !string.IsNullOrWhiteSpace(options.ApiKey), "ApiKey", "is empty; leave it null only for a loopback BaseUrl.");
        if (BaseUrlRules.Check(problems, options.BaseUrl, options.AllowInsecureHttp) is { } baseUrl)
        {
            problems.Require(
                string.IsNullOrEmpty(baseUrl.Query) && string.IsNullOrEmpty(baseUrl.Fragment), "BaseUrl", "must not have a query or fragment.");
            problems.Require(
                options.ApiKey is not null || baseUrl.IsLoopback,
                "ApiKey",
                keyVariable is null
                    ? $"is required unless BaseUrl is a loopback address (BaseUrl host is '{baseUrl.Host}')."
                    : $"is missing; set it or the {keyVariable} variable (only a loopback BaseUrl may go without a key).");
        }

        CheckHeaders(problems, options.Headers);
        options.Capabilities.Check(problems);
        return problems;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{ProviderName} ({ProviderSystem}) {ErrorText.Address(Endpoint)} model={Model} key={(ApiKey is null ? "none" : "***")}";

    private ModelCapabilities Resolve(string model) => _capabilityValues.ApplyTo(_findFamily?.Invoke(model) ?? UnknownModel);

    private static KeyValuePair<string, string>[] SnapshotHeaders(in ChatCompletionsOptionValues options) =>
        options.Headers is { } headers ? [.. headers] : [];

    private static void CheckHeaders(OptionProblems problems, IEnumerable<KeyValuePair<string, string>>? headers)
    {
        if (headers is null)
        {
            return;
        }

        using var probe = new HttpRequestMessage();
        foreach (var (name, value) in headers)
        {
            problems.Require(
                !string.IsNullOrWhiteSpace(name)
                    && !ReservedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase)
                    && value is not null
                    && value.AsSpan().IndexOfAny('\r', '\n') < 0
                    && probe.Headers.TryAddWithoutValidation(name, value),
                "Headers",
                $"has an invalid entry '{name}': names must be valid request headers other than {string.Join(", ", ReservedHeaders)}, and values must be non-null single lines.");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
