namespace MultiModel.Testing.Internal;

/// <summary>One server-sent event: an optional <c>event:</c> name and the <c>data:</c> payload.</summary>
internal readonly record struct SseEvent(string? Name, byte[] Data);
