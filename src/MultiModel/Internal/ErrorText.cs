namespace MultiModel.Internal;

/// <summary>Wording shared by the wire parsers.</summary>
internal static class ErrorText
{
    /// <summary>Recognizes a provider message that says the prompt exceeds the model's context window.</summary>
    public static bool SaysContextTooLong(string? message) =>
        message is not null
        && (message.Contains("prompt is too long", StringComparison.OrdinalIgnoreCase)
            || message.Contains("maximum prompt length", StringComparison.OrdinalIgnoreCase)
            || message.Contains("maximum context length", StringComparison.OrdinalIgnoreCase)
            || message.Contains("context_length_exceeded", StringComparison.OrdinalIgnoreCase)
            || message.Contains("context window", StringComparison.OrdinalIgnoreCase));

    /// <summary>Replaces every occurrence of a secret with <c>***</c>.</summary>
    public static string? Redact(string? text, string? secret) =>
        text is null || string.IsNullOrEmpty(secret) || !text.Contains(secret, StringComparison.Ordinal)
            ? text
            : text.Replace(secret, "***", StringComparison.Ordinal);

    /// <summary>Shows an address without its user information (a <c>user:password@</c> part can hold a secret).</summary>
    public static string? Address(Uri? uri) =>
        uri is { IsAbsoluteUri: true, UserInfo.Length: > 0 }
            ? uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped)
            : uri?.ToString();
}
