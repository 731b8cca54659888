namespace MultiModel;

/// <summary>Represents the log probability of one generated token.</summary>
public readonly struct TokenLogprob : IEquatable<TokenLogprob>
{
    /// <summary>Initializes a new instance of the <see cref="TokenLogprob"/> struct.</summary>
    /// <param name="token">The token text.</param>
    /// <param name="logprob">The natural logarithm of the token's probability (zero or negative).</param>
    public TokenLogprob(string token, double logprob)
    {
        Token = token ?? string.Empty;
        Logprob = logprob;
    }

    /// <summary>Gets the token text.</summary>
    public string Token { get; }

    /// <summary>Gets the natural logarithm of the token's probability.</summary>
    public double Logprob { get; }

    /// <summary>Gets the token's probability, <c>exp(Logprob)</c>.</summary>
    public double Probability => Math.Exp(Logprob);

    /// <summary>Compares two values for equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when both hold the same token and log probability.</returns>
    public static bool operator ==(TokenLogprob left, TokenLogprob right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when the values differ.</returns>
    public static bool operator !=(TokenLogprob left, TokenLogprob right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(TokenLogprob other) => string.Equals(Token, other.Token, StringComparison.Ordinal) && Logprob.Equals(other.Logprob);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TokenLogprob other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Token, Logprob);

    /// <inheritdoc/>
    public override string ToString() => $"{Token} ({Logprob:0.####})";
}
