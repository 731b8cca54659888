namespace MultiModel.Redis;

/// <summary>Configures the provider state shared across replicas on Redis (section <c>MultiModel:SharedState:Redis</c>).</summary>
/// <remarks>
/// <para>
/// Shared: server-declared cooldowns (a 429, 529 or 503 whose Retry-After exceeds the retry cap), circuit states by
/// quorum (opt-in, <see cref="ShareCircuits"/>) and rate budgets (<c>Providers:{name}:RateLimit</c>), for every
/// provider with the same endpoint, model and API key. Calls read a local copy, kept fresh by pub/sub and re-read every
/// <see cref="ResyncInterval"/>; writes go through a bounded background queue. No call waits on Redis.
/// </para>
/// <para>
/// <see cref="Configuration"/> and <see cref="IdentitySecret"/> are secrets: <see cref="ToString"/> shows neither.
/// </para>
/// </remarks>
public sealed class RedisSharedStateOptions
{
    /// <summary>The configuration section read by <c>AddRedisSharedState</c>.</summary>
    public const string SectionName = "MultiModel:SharedState:Redis";

    /// <summary>Gets or sets the StackExchange.Redis connection string (for example <c>redis1:6379,password=…,ssl=true</c>).</summary>
    /// <value>The default value is <see langword="null"/>; required unless a connection multiplexer is given in code.</value>
    public string? Configuration { get; set; }

    /// <summary>Gets or sets the prefix of every key and channel written, so that several deployments can share one server.</summary>
    /// <value>The default value is <c>multimodel</c>. Letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>:</c>; at most 64 characters.</value>
    public string KeyPrefix { get; set; } = "multimodel";

    /// <summary>Gets or sets the deployment's secret under which provider identities are hashed (HMAC-SHA-256) before they are written.</summary>
    /// <value>
    /// The default value is <see langword="null"/>: identities are a plain SHA-256 prefix of endpoint, model and key,
    /// which reveals nothing of the key but lets whoever reads Redis confirm a key they already hold. At least 16 characters;
    /// every replica that should share state needs the same secret.
    /// </value>
    public string? IdentitySecret { get; set; }

    /// <summary>Gets or sets how often the local copy is re-read from Redis (besides pub/sub): the bound on its staleness.</summary>
    /// <value>The default value is 1 second; from 100 milliseconds to 1 minute.</value>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long the host's start waits for the first read of the shared state (a replica that starts during a cooldown learns it before its first call).</summary>
    /// <value>The default value is 3 seconds; from 0 (do not wait) to 1 minute. When Redis does not answer in time the host starts on local state.</value>
    public TimeSpan InitialSyncTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets or sets how many writes may wait for Redis; when full, further writes are dropped (and counted), and the next resynchronisation writes the state again.</summary>
    /// <value>The default value is 1024; from 16 to 1,000,000.</value>
    public int WriteQueueCapacity { get; set; } = 1024;

    /// <summary>Gets or sets a value indicating whether circuit states are shared: a provider is then skipped by every replica while at least <see cref="CircuitQuorum"/> replicas report its circuit open.</summary>
    /// <value>The default value is <see langword="false"/>: each replica's breaker acts for that replica only.</value>
    public bool ShareCircuits { get; set; }

    /// <summary>Gets or sets how many replicas must report a provider's circuit open before every replica skips it.</summary>
    /// <value>The default value is 2, so that one sick replica (its own network, its own bug) never takes a provider away from the others; from 1 to 1000.</value>
    public int CircuitQuorum { get; set; } = 2;

    /// <inheritdoc/>
    public override string ToString() =>
        $"KeyPrefix={KeyPrefix} Configuration={(string.IsNullOrEmpty(Configuration) ? "none" : "set")} IdentitySecret={(string.IsNullOrEmpty(IdentitySecret) ? "none" : "set")} ShareCircuits={ShareCircuits}";
}
