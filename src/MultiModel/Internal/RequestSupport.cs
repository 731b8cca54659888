namespace MultiModel.Internal;

/// <summary>Combines and reports providers' answers to "can you take this request?".</summary>
internal static class RequestSupport
{
    /// <summary>Asks each provider of a chain whether it can take a request: the chain can when one of them can.</summary>
    /// <param name="chainName">The chain's name, for the reason.</param>
    /// <param name="providers">The chain's providers, in order.</param>
    /// <param name="request">The request.</param>
    /// <param name="refusals">What each provider cannot take, at its index, or <see langword="null"/> when all can take it.</param>
    /// <returns>Supported, or unsupported with each provider's reason (and their category when they share one).</returns>
    public static ChatRequestSupport OfChain(string chainName, IChatProvider[] providers, ChatRequest request, out ChatRequestSupport[]? refusals)
    {
        refusals = null;
        for (var i = 0; i < providers.Length; i++)
        {
            if (providers[i].CheckRequest(request) is { IsSupported: false } refusal)
            {
                (refusals ??= new ChatRequestSupport[providers.Length])[i] = refusal;
            }
        }

        return refusals is null || refusals.Any(static r => r.IsSupported) ? ChatRequestSupport.Supported : NoneCanTake(chainName, providers, refusals);
    }

    /// <summary>Turns a provider's "cannot take this request" into the <see cref="ArgumentException"/> a direct call throws, with the same reason.</summary>
    /// <exception cref="ArgumentException"><paramref name="support"/> says the provider cannot take <paramref name="request"/>.</exception>
    public static void ThrowIfUnsupported(ChatRequest request, ChatRequestSupport support, string providerName)
    {
        if (!support.IsSupported)
        {
            throw new ArgumentException($"Provider '{providerName}' cannot take the request: {support.Reason}.", nameof(request));
        }
    }

    /// <summary>Describes a chain none of whose providers can take a request: each provider's reason, and their category when they share one.</summary>
    /// <remarks>A method of its own: the lambdas here capture <paramref name="refused"/>, and a closure in <see cref="OfChain"/> would be allocated on every call.</remarks>
    private static ChatRequestSupport NoneCanTake(string chainName, IChatProvider[] providers, ChatRequestSupport[] refused)
    {
        var reasons = string.Join("; ", providers.Select((p, i) => $"{p.Name}: {refused[i].Reason}"));
        var category = refused.All(r => r.Category == refused[0].Category) ? refused[0].Category! : ChatRequestSupport.UnsupportedCategory;
        return ChatRequestSupport.Unsupported(category, $"no provider of chain '{chainName}' can take the request ({reasons})");
    }
}
