namespace MultiModel;

/// <summary>Represents a provider's answer, given before any call, to "can you take this request?".</summary>
/// <remarks>
/// <para>
/// A failover chain asks every provider through <see cref="IChatProvider.CheckRequest"/> when a call starts, before any
/// HTTP call. A provider that cannot take the request is skipped (<see cref="ChatAttemptOutcome.Skipped"/>, with
/// <see cref="Reason"/> as the skip reason) and the chain moves on without an HTTP call. When no provider of a chain
/// can take the request, the call throws <see cref="ArgumentException"/> listing every provider's reason.
/// </para>
/// <para>
/// <see cref="Category"/> is a short, stable word for metrics and log filters (<c>unsupported</c>,
/// <c>context-window</c>, …); <see cref="Reason"/> is the readable sentence a person reads in the attempts report.
/// </para>
/// </remarks>
public readonly record struct ChatRequestSupport
{
    /// <summary>The <see cref="Category"/> of a request outside a provider's value ranges or features.</summary>
    public const string UnsupportedCategory = "unsupported";

    /// <summary>The <see cref="Category"/> of a request whose estimated size does not fit a provider's context window.</summary>
    public const string ContextWindowCategory = "context-window";

    private ChatRequestSupport(string category, string reason)
    {
        Category = category;
        Reason = reason;
    }

    /// <summary>Gets the answer of a provider that can take the request.</summary>
    public static ChatRequestSupport Supported => default;

    /// <summary>Gets a value indicating whether the provider can take the request.</summary>
    public bool IsSupported => Reason is null;

    /// <summary>Gets a short, stable word for why the request cannot be taken, or <see langword="null"/> when it can.</summary>
    public string? Category { get; }

    /// <summary>Gets the readable reason why the request cannot be taken (for example <c>unsupported: temperature 1.5 outside 0–1</c>), or <see langword="null"/> when it can.</summary>
    public string? Reason { get; }

    /// <summary>Creates the answer of a provider that cannot take a request.</summary>
    /// <param name="category">A short, stable word for metrics (for example <c>unsupported</c> or <c>context-window</c>).</param>
    /// <param name="reason">The readable reason, shown in the attempts report and in exception messages; no prompt text, no secrets.</param>
    /// <returns>An unsupported answer.</returns>
    /// <exception cref="ArgumentException"><paramref name="category"/> or <paramref name="reason"/> is null or white space.</exception>
    public static ChatRequestSupport Unsupported(string category, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ChatRequestSupport(category, reason);
    }

    /// <summary>Creates the answer of a provider whose value ranges or features do not fit a request (category <c>unsupported</c>).</summary>
    /// <param name="detail">What does not fit, for example <c>temperature 1.5 outside 0–1</c>; the reason becomes <c>unsupported: {detail}</c>.</param>
    /// <returns>An unsupported answer.</returns>
    /// <exception cref="ArgumentException"><paramref name="detail"/> is null or white space.</exception>
    public static ChatRequestSupport Unsupported(string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(detail);
        return new ChatRequestSupport(UnsupportedCategory, $"{UnsupportedCategory}: {detail}");
    }

    /// <inheritdoc/>
    public override string ToString() => Reason ?? "supported";
}
