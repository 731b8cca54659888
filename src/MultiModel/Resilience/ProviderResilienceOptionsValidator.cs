using System.Globalization;
using Microsoft.Extensions.Options;
using MultiModel.Internal;

namespace MultiModel.Resilience;

/// <summary>
/// Validates <see cref="ProviderResilienceOptions"/>: the ranges of its data annotations (source-generated) and the
/// rules across fields, the latter as Microsoft.Extensions.Http.Resilience validates its standard options.
/// </summary>
internal static class ProviderResilienceOptionsValidator
{
    /// <summary>Lists what is wrong with <paramref name="options"/>; every message starts with <paramref name="path"/> and the member at fault.</summary>
    /// <param name="options">The options.</param>
    /// <param name="path">The options' configuration path (members joined with <c>:</c>), or a type name (members joined with <c>.</c>).</param>
    public static IReadOnlyList<string> Validate(ProviderResilienceOptions options, string path)
    {
        var problems = new List<string>();
        var ranges = new ProviderResilienceOptionsAnnotations().Validate(path, options);
        if (ranges.Failed)
        {
            // The generated validator prefixes each message with the member's name; the message itself starts with the path.
            problems.AddRange(ranges.Failures.Select(failure => OptionPath.FixSeparators(failure[Math.Max(0, failure.IndexOf(path, StringComparison.Ordinal))..], path)));
        }

        var join = OptionPath.Separator(path);
        var retry = options.Retry;
        if (retry is not null && retry.MaxDelay < retry.Delay)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{path}{join}Retry{join}MaxDelay must not be shorter than Retry{join}Delay (was {retry.MaxDelay} for a delay of {retry.Delay})."));
        }

        var breaker = options.CircuitBreaker;
        if (breaker is { Enabled: true } && breaker.SamplingDuration < options.AttemptTimeout * 2)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{path}{join}CircuitBreaker{join}SamplingDuration must be at least twice AttemptTimeout (was {breaker.SamplingDuration} for {options.AttemptTimeout}), so the breaker sees the tries that time out."));
        }

        return problems;
    }
}

/// <summary>The ranges of <see cref="ProviderResilienceOptions"/> and its members, from their data annotations.</summary>
[OptionsValidator]
internal sealed partial class ProviderResilienceOptionsAnnotations : IValidateOptions<ProviderResilienceOptions>
{
}
