using MultiModel.Confidence;

namespace MultiModel.Tests.Confidence;

/// <summary>Builds scoring contexts for scorer tests.</summary>
internal static class ScorerTestData
{
    public static ConfidenceContext Context(string text, ChatFinishReason? finish = ChatFinishReason.Stop, IReadOnlyList<TokenLogprob>? logprobs = null, bool partial = false) => new()
    {
        Request = new ChatRequest("What is 2 + 2?"),
        Text = text,
        ProviderName = "grok",
        ModelId = "grok-4",
        FinishReason = partial ? null : finish,
        Logprobs = logprobs,
        IsPartial = partial,
    };
}
