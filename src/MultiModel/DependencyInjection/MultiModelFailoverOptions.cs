namespace MultiModel.DependencyInjection;

/// <summary>Configures how a chain moves between providers (section <c>MultiModel:Failover</c>).</summary>
public sealed class MultiModelFailoverOptions
{
    /// <summary>Gets or sets how long one provider attempt may take, retries included.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the largest number of providers tried per call.</summary>
    /// <value>The default value is <see langword="null"/> (every provider in the order).</value>
    public int? MaxAttempts { get; set; }

    /// <summary>Gets or sets the delay after which the next provider is started in parallel (hedging).</summary>
    /// <value>The default value is <see langword="null"/> (no hedging).</value>
    public TimeSpan? HedgingDelay { get; set; }

    /// <summary>Gets or sets how many characters of a stream are held back for the confidence policy before release.</summary>
    /// <value>The default value is 0 (no head buffer).</value>
    public int HeadBufferLength { get; set; }

    /// <summary>Gets or sets the longest time a stream's head is held back for the confidence policy.</summary>
    /// <value>The default value is <see langword="null"/> (no time limit besides <see cref="HeadBufferLength"/>).</value>
    public TimeSpan? HeadBufferTime { get; set; }

    /// <summary>Gets or sets a value indicating whether a stream that breaks after its first text is continued by the next provider (see <see cref="Failover.FailoverChatClientOptions.ResumeStreams"/>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ResumeStreams { get; set; }
}
