using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiModel.DependencyInjection;
using MultiModel.Redis;
using MultiModel.Redis.Internal;
using MultiModel.Resilience;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Shares MultiModel's provider state (cooldowns, circuits by quorum, rate budgets) across the replicas of a service, on Redis.</summary>
public static class MultiModelRedisBuilderExtensions
{
    /// <summary>The name of the health check that reports the shared state (degraded while Redis is unreachable).</summary>
    public const string HealthCheckName = "multimodel-shared-state";

    /// <summary>
    /// Replaces the in-process health store with one shared across replicas on Redis, configured from
    /// <c>MultiModel:SharedState:Redis</c> (<see cref="RedisSharedStateOptions.Configuration"/> is the connection string).
    /// </summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="configure">Changes the options after configuration is bound, or <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// <para>
    /// The options are validated when the host starts (every message names its configuration path). The host's start
    /// then waits, at most <see cref="RedisSharedStateOptions.InitialSyncTimeout"/>, for a first read of the shared
    /// state. The connection is created here and disposed with the container. A health check named
    /// <see cref="HealthCheckName"/> is added.
    /// </para>
    /// </remarks>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in a required parameter's type, so a call never binds ambiguously.")]
    public static IMultiModelBuilder AddRedisSharedState(this IMultiModelBuilder builder, Action<RedisSharedStateOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Add(builder, null, configure);
    }

    /// <summary>Replaces the in-process health store with one shared across replicas on Redis, over an existing connection.</summary>
    /// <param name="builder">The MultiModel builder.</param>
    /// <param name="multiplexer">The connection to use; it is never disposed here.</param>
    /// <param name="configure">Changes the options after configuration is bound, or <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="multiplexer"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// <para>
    /// <see cref="RedisSharedStateOptions.Configuration"/> is not needed. Give the connection
    /// <c>AbortOnConnectFail = false</c> so that the host can start while Redis is down; the connection's own timeouts
    /// bound the background work, never a call.
    /// </para>
    /// </remarks>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in a required parameter's type, so a call never binds ambiguously.")]
    public static IMultiModelBuilder AddRedisSharedState(this IMultiModelBuilder builder, IConnectionMultiplexer multiplexer, Action<RedisSharedStateOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(multiplexer);
        return Add(builder, multiplexer, configure);
    }

    private static IMultiModelBuilder Add(IMultiModelBuilder builder, IConnectionMultiplexer? multiplexer, Action<RedisSharedStateOptions>? configure)
    {
        var services = builder.Services;
        var options = services.AddOptions<RedisSharedStateOptions>().Configure<IServiceProvider>(static (options, sp) =>
        {
            if (sp.GetService<IConfiguration>() is { } configuration)
            {
                Bind(configuration, options);
            }
        });
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisSharedStateOptions>>(new RedisSharedStateOptionsValidator(multiplexer is not null)));
        services.TryAddSingleton<RedisConnectionSource>(multiplexer is null
            ? static sp => new RedisConnectionSource(sp.GetRequiredService<IOptions<RedisSharedStateOptions>>().Value.Configuration!)
            : _ => new RedisConnectionSource(multiplexer));
        services.TryAddSingleton(static sp => new SharedStateMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(static sp => new RedisHealthStore(
            sp.GetRequiredService<IOptions<RedisSharedStateOptions>>().Value,
            sp.GetRequiredService<RedisConnectionSource>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetRequiredService<SharedStateMetrics>()));
        services.Replace(ServiceDescriptor.Singleton<IProviderHealthStore>(static sp => sp.GetRequiredService<RedisHealthStore>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisSharedStateService>());
        if (!services.Any(static d => d.ServiceType == typeof(RedisSharedStateHealthCheck)))
        {
            services.AddSingleton<RedisSharedStateHealthCheck>();
            services.AddHealthChecks().Add(new HealthCheckRegistration(
                HealthCheckName, static sp => sp.GetRequiredService<RedisSharedStateHealthCheck>(), HealthStatus.Degraded, ["multimodel"]));
        }

        return builder;
    }

    /// <summary>
    /// Binds the section strictly; a value or key it rejects, or a key beside it under <c>MultiModel:SharedState</c>
    /// (which nothing reads), stops the host at start-up with the path in the message.
    /// </summary>
    private static void Bind(IConfiguration configuration, RedisSharedStateOptions options)
    {
        var section = configuration.GetSection(RedisSharedStateOptions.SectionName);
        var problems = configuration.GetSection(ConfigurationPath.GetParentPath(section.Path)!).GetChildren()
            .Where(child => child.Exists() && !string.Equals(child.Key, section.Key, StringComparison.OrdinalIgnoreCase))
            .Select(static child => $"{child.Path} is not read: the shared state is set under {RedisSharedStateOptions.SectionName}.")
            .ToList();
        try
        {
            section.Bind(options, static binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add($"{section.Path}: {ex.Message.ReplaceLineEndings(" ")}");
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(Options.Options.DefaultName, typeof(RedisSharedStateOptions), problems);
        }
    }
}
