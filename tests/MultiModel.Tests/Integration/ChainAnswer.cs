namespace MultiModel.Tests.Integration;

/// <summary>What a chain call gave back, the same way for whole and streamed calls.</summary>
internal sealed record ChainAnswer(string ProviderName, string Text, IReadOnlyList<ChatAttempt> Attempts);
