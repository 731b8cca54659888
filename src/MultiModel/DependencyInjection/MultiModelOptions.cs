namespace MultiModel.DependencyInjection;

/// <summary>Configures a MultiModel chain registered with <c>AddMultiModel</c>: the providers it tries, in order (section <c>MultiModel</c>).</summary>
/// <remarks>
/// <para>
/// The unnamed instance belongs to the default chain and is bound from <c>MultiModel</c>; a named chain
/// (<c>AddMultiModel("coding")</c>) has a named instance bound from <c>MultiModel:Chains:{name}</c>. The other settings
/// bind straight into the library's own option types, named the same way: each provider's
/// <c>GrokProviderOptions</c>, <c>ClaudeProviderOptions</c> or <c>OpenAICompatibleProviderOptions</c> and its
/// <c>ProviderResilienceOptions</c> (named after the provider, from <c>MultiModel:Providers:{name}</c>), and each
/// chain's <c>FailoverChatClientOptions</c> (from <c>Failover</c> and <c>Confidence</c>).
/// </para>
/// </remarks>
public sealed class MultiModelOptions
{
    /// <summary>The configuration section read by default.</summary>
    public const string SectionName = "MultiModel";

    /// <summary>Gets or sets the names of the providers to try, in order.</summary>
    /// <value>The default value is empty: the providers added in code, in the order they were added.</value>
    public IList<string> Order { get; set; } = [];

    /// <summary>Gets or sets what telemetry may record, for every chain: read from the unnamed options (<c>MultiModel:Telemetry</c>) only.</summary>
    /// <remarks>A named chain that sets it stops the host at start-up: its own <c>Failover:EnableSensitiveData</c> turns sensitive data on for it alone.</remarks>
    public MultiModelTelemetryOptions Telemetry { get; set; } = new();

    /// <inheritdoc/>
    public override string ToString() => $"Order=[{string.Join(", ", Order)}]";
}
