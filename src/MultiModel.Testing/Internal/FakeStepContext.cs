namespace MultiModel.Testing.Internal;

/// <summary>What a fake step needs to build an answer.</summary>
internal sealed record FakeStepContext(string ProviderName, string ModelId, TimeProvider TimeProvider, ChatRequest Request);
