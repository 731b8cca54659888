using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MultiModel.Confidence;
using MultiModel.DependencyInjection;
using MultiModel.Failover;

namespace Microsoft.Extensions.DependencyInjection;

/// <content>Tunes the chain: order, confidence, failover settings, scorers and the health check.</content>
public static partial class MultiModelBuilderExtensions
{
    /// <summary>Sets the order in which this chain tries providers.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="providerNames">The provider names, first tried first.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="providerNames"/> is <see langword="null"/>.</exception>
    public static IMultiModelBuilder WithOrder(this IMultiModelBuilder builder, params string[] providerNames)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(providerNames);
        string[] order = [.. providerNames];
        builder.Services.Configure<MultiModelOptions>(ChainName(builder), options => options.Order = [.. order]);
        return builder;
    }

    /// <summary>Sets this chain's confidence bar.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="threshold">The confidence an answer needs, from 0 to 1.</param>
    /// <param name="whenNoneMeetsThreshold">What happens when no answer meets it.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMultiModelBuilder WithConfidenceThreshold(this IMultiModelBuilder builder, double threshold, BelowThresholdBehavior whenNoneMeetsThreshold = BelowThresholdBehavior.Throw) =>
        builder.ConfigureFailover(options =>
        {
            options.Confidence.Threshold = threshold;
            options.WhenNoneMeetsThreshold = whenNoneMeetsThreshold;
        });

    /// <summary>Sets this chain's <see cref="FailoverChatClientOptions"/> (bound first from the chain's <c>Failover</c> and <c>Confidence</c> sections).</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="configure">Changes the options: attempt timeout, attempt limit, hedging, stream head buffer, confidence, …</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IMultiModelBuilder ConfigureFailover(this IMultiModelBuilder builder, Action<FailoverChatClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(ChainName(builder), configure);
        return builder;
    }

    /// <summary>Sets this chain's <see cref="FailoverChatClientOptions"/> with the service provider at hand, each time the chain is (re)built: scorers, classifier, attempt callback.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="configure">Changes the options; it receives the service provider to resolve dependencies.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IMultiModelBuilder ConfigureChain(this IMultiModelBuilder builder, Action<IServiceProvider, FailoverChatClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<FailoverChatClientOptions>(ChainName(builder)).Configure<IServiceProvider>((options, services) => configure(services, options));
        return builder;
    }

    /// <summary>Adds a confidence scorer (a validator, a judge, …) to this chain's policy.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="scorer">The scorer; it must be thread-safe.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="scorer"/> is <see langword="null"/>.</exception>
    public static IMultiModelBuilder AddConfidenceScorer(this IMultiModelBuilder builder, IConfidenceScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        return builder.ConfigureFailover(options => options.Confidence.Scorers.Add(scorer));
    }

    /// <summary>Adds a health check reporting each provider: healthy, degraded (cooling down) or unhealthy (circuit open).</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="name">The health check's name.</param>
    /// <param name="failureStatus">The status reported when no provider can answer.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMultiModelBuilder AddHealthCheck(this IMultiModelBuilder builder, string name = "multimodel", HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            name,
            static sp => ActivatorUtilities.CreateInstance<MultiModelHealthCheck>(sp),
            failureStatus,
            tags: ["multimodel"]));
        return builder;
    }

    private static string ChainName(IMultiModelBuilder builder) => builder.Name ?? Options.Options.DefaultName;
}
