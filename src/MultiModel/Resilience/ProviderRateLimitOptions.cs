using System.Globalization;
using MultiModel.Internal;

namespace MultiModel.Resilience;

/// <summary>Configures a provider's rate budget: the requests and tokens per minute the chains may send it (section <c>MultiModel:Providers:{name}:RateLimit</c>).</summary>
/// <remarks>
/// <para>
/// A call that would exceed a budget is not sent and does not wait: the chain skips the provider (reason
/// <c>rate budget: …</c>) and fails over before the provider answers 429. A call reserves one request and its token
/// estimate (the prompt's estimate plus the output asked for) when it starts; when it ends, the reservation is corrected
/// with the usage the provider reported. A budget holds over any 60 seconds.
/// </para>
/// <para>
/// The registered <see cref="IProviderHealthStore"/> keeps the budgets: per process by default
/// (<see cref="InMemoryProviderHealthStore"/>), for the whole fleet with a shared store.
/// </para>
/// </remarks>
public sealed class ProviderRateLimitOptions
{
    /// <summary>Gets or sets the most requests per minute, or <see langword="null"/> for no limit.</summary>
    /// <value>The default value is <see langword="null"/>. At least 1.</value>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Gets or sets the most tokens (prompt and answer) per minute, or <see langword="null"/> for no limit.</summary>
    /// <value>The default value is <see langword="null"/>. At least 1.</value>
    public int? TokensPerMinute { get; set; }

    /// <summary>Gets a value indicating whether any limit is set.</summary>
    public bool IsLimited => RequestsPerMinute is not null || TokensPerMinute is not null;

    /// <inheritdoc/>
    public override string ToString() => $"RequestsPerMinute={Text(RequestsPerMinute)} TokensPerMinute={Text(TokensPerMinute)}";

    /// <summary>Lists what is wrong with the options; every message starts with <paramref name="path"/> and the member at fault.</summary>
    internal static IReadOnlyList<string> Validate(ProviderRateLimitOptions options, string path)
    {
        var problems = new OptionProblems(path);
        problems.Require(options.RequestsPerMinute is null or >= 1, nameof(RequestsPerMinute), $"must be at least 1, or left out for no limit (was {Text(options.RequestsPerMinute)}).");
        problems.Require(options.TokensPerMinute is null or >= 1, nameof(TokensPerMinute), $"must be at least 1, or left out for no limit (was {Text(options.TokensPerMinute)}).");
        return problems.Messages;
    }

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
