namespace MultiModel.Internal;

/// <summary>Turns a provider's "cannot take this request" into the <see cref="ArgumentException"/> a direct call throws, with the same reason.</summary>
internal static class RequestSupport
{
    /// <exception cref="ArgumentException"><paramref name="support"/> says the provider cannot take <paramref name="request"/>.</exception>
    public static void ThrowIfUnsupported(ChatRequest request, ChatRequestSupport support, string providerName)
    {
        if (!support.IsSupported)
        {
            throw new ArgumentException($"Provider '{providerName}' cannot take the request: {support.Reason}.", nameof(request));
        }
    }
}
