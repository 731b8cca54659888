namespace MultiModel.Internal;

/// <summary>What a provider's error body said, in wire-neutral form.</summary>
internal readonly record struct ProviderError(string? ErrorType, string? Message, string? RequestId, bool IsContextLengthExceeded);

/// <summary>Reads a provider's error body (already capped); never throws.</summary>
internal delegate ProviderError ProviderErrorParser(ReadOnlySpan<byte> body);
