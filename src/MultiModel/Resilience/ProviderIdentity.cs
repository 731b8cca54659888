using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MultiModel.Resilience;

/// <summary>Identifies what a provider's health and rate limits belong to: its endpoint, model and API key, without holding the key.</summary>
/// <remarks>
/// <para>
/// Two providers with the same endpoint, model and key (in one process or in several replicas) meet the same server
/// limits, so a store shared between processes keys their cooldowns, circuits and budgets by this identity. It keeps
/// only a SHA-256 digest of the three values; <see cref="ToKey"/> turns it into the text a store writes:
/// </para>
/// <list type="bullet">
/// <item><description>with a per-deployment secret, an HMAC-SHA-256 of the digest under that secret: whoever reads the
/// store learns nothing about the key, and cannot even check a guessed key without the secret;</description></item>
/// <item><description>without one, a prefix of the digest itself: the key cannot be recovered from it (API keys are long
/// random strings), but whoever reads the store and already holds a candidate key can confirm that it is the one in use.</description></item>
/// </list>
/// <para><see cref="ToString"/> shows neither the digest nor anything it was made from.</para>
/// </remarks>
public sealed class ProviderIdentity : IEquatable<ProviderIdentity>
{
    /// <summary>The length of <see cref="ToKey"/>'s result: 128 bits in lowercase hexadecimal.</summary>
    public const int KeyLength = 32;

    private readonly byte[] _digest;

    private ProviderIdentity(byte[] digest)
    {
        _digest = digest;
    }

    /// <summary>Creates the identity of a provider.</summary>
    /// <param name="endpoint">The provider's absolute base address.</param>
    /// <param name="model">The provider's model.</param>
    /// <param name="apiKey">The provider's API key, or <see langword="null"/> when it has none.</param>
    /// <returns>The identity.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is relative.</exception>
    public static ProviderIdentity Create(Uri endpoint, string model, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(model);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The endpoint must be an absolute address.", nameof(endpoint));
        }

        // Length-prefixed fields: no choice of values can make two different triples hash alike.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, endpoint.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped).TrimEnd('/'));
        Append(hash, model);
        Append(hash, apiKey ?? string.Empty);
        return new ProviderIdentity(hash.GetHashAndReset());
    }

    /// <summary>Gets the text a shared store keys this provider's state by: an HMAC of the digest under <paramref name="secret"/>, or the digest's prefix without one.</summary>
    /// <param name="secret">The deployment's secret, or empty for none.</param>
    /// <returns><see cref="KeyLength"/> lowercase hexadecimal characters.</returns>
    public string ToKey(ReadOnlySpan<byte> secret)
    {
        Span<byte> mac = stackalloc byte[32];
        if (secret.IsEmpty)
        {
            _digest.CopyTo(mac);
        }
        else
        {
            HMACSHA256.HashData(secret, _digest, mac);
        }

        return Convert.ToHexStringLower(mac[..(KeyLength / 2)]);
    }

    /// <inheritdoc/>
    public bool Equals(ProviderIdentity? other) => other is not null && _digest.AsSpan().SequenceEqual(other._digest);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ProviderIdentity);

    /// <inheritdoc/>
    public override int GetHashCode() => BinaryPrimitives.ReadInt32LittleEndian(_digest);

    /// <inheritdoc/>
    public override string ToString() => nameof(ProviderIdentity);

    private static void Append(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
