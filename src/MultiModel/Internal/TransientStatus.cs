namespace MultiModel.Internal;

/// <summary>
/// The HTTP statuses worth trying again (408, 409, 429, 5xx including 529), as the official SDKs retry them. Shared by
/// the retry pipeline and <see cref="ChatProviderException.IsTransient"/> so the two never disagree.
/// </summary>
internal static class TransientStatus
{
    public static bool Contains(int status) => status is 408 or 409 or 429 or >= 500;
}
