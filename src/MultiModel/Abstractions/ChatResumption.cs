using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MultiModel.Internal;

namespace MultiModel;

/// <summary>Represents the point where a failover chain continued a broken stream with another provider.</summary>
/// <remarks>
/// <para>
/// A chain with <c>FailoverChatClientOptions.ResumeStreams</c> on answers a stream that breaks after its first text
/// with a second provider, asked to continue the partial answer. The answer then holds two models' text: the first
/// <see cref="Offset"/> characters are <see cref="BrokenProviderName"/>'s, the rest <see cref="ProviderName"/>'s
/// (until a later resumption, if any). Instances are immutable.
/// </para>
/// </remarks>
[Experimental(Experiments.StreamResumption, UrlFormat = Experiments.UrlFormat)]
public sealed class ChatResumption
{
    /// <summary>Gets the position in the answer text (in UTF-16 characters, a <see cref="string"/> index) where the continuing provider's text starts.</summary>
    public required int Offset { get; init; }

    /// <summary>Gets the name of the provider whose stream broke.</summary>
    public required string BrokenProviderName { get; init; }

    /// <summary>Gets the name of the provider that continued the answer.</summary>
    public required string ProviderName { get; init; }

    /// <summary>Gets how many characters the continuing provider repeated from the end of the partial answer and the chain removed.</summary>
    /// <remarks>The repeated start of the continuation never reaches the caller; see the README's "Stream resumption" for the rule.</remarks>
    public int OverlapLength { get; init; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{BrokenProviderName} -> {ProviderName} at {Offset}{(OverlapLength > 0 ? $" ({OverlapLength} repeated characters removed)" : string.Empty)}");
}
