using MultiModel.Providers.Capabilities;

namespace MultiModel.Tests.Providers.Capabilities;

[Parallelizable(ParallelScope.All)]
public class ModelFamiliesTests
{
    [TestCase("claude-sonnet-4-5", 200_000, 64_000, true)]
    [TestCase("claude-sonnet-4-5-20250929", 200_000, 64_000, true)]
    [TestCase("claude-haiku-4-5-20251001", 200_000, 64_000, true)]
    [TestCase("claude-opus-4-1-20250805", 200_000, 32_000, true)]
    [TestCase("claude-opus-4-20250514", 200_000, 32_000, false)]
    [TestCase("claude-sonnet-4-20250514", 200_000, 64_000, false)]
    [TestCase("claude-sonnet-4-0", 200_000, 64_000, false)]
    [TestCase("claude-3-7-sonnet-latest", 200_000, 64_000, false)]
    [TestCase("claude-3-5-sonnet-20241022", 200_000, 8_192, false)]
    [TestCase("CLAUDE-OPUS-4-6", 1_000_000, 128_000, true)]
    public void FindClaude_KnownModel_WindowOutputAndSchema(string model, int window, int output, bool jsonSchema)
    {
        var capabilities = ModelFamilies.FindClaude(model);

        Assert.That(capabilities, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(capabilities!.ContextWindowTokens, Is.EqualTo(window));
            Assert.That(capabilities.OutputTokenLimit, Is.EqualTo(output));
            Assert.That(capabilities.JsonSchema, Is.EqualTo(jsonSchema));
            Assert.That(capabilities.Logprobs, Is.False);
        });
    }

    [Test]
    public void FindClaude_Haiku35_TakesNoImagesAndDoesNotThink()
    {
        var capabilities = ModelFamilies.FindClaude("claude-3-5-haiku-20241022")!;

        Assert.Multiple(() =>
        {
            Assert.That(capabilities.Images, Is.False);
            Assert.That(capabilities.ReasoningEfforts, Is.EqualTo(ChatReasoningEfforts.None));
            Assert.That(ModelFamilies.FindClaude("claude-3-7-sonnet-20250219")!.ReasoningEfforts, Is.EqualTo(ChatReasoningEfforts.All));
        });
    }

    [TestCase("claude-sonnet-4-7")]
    [TestCase("claude-sonnet-4-5x")]
    [TestCase("claude-sonnet-4-5-beta")]
    [TestCase("claude-opus-5")]
    [TestCase("my-finetune")]
    public void FindClaude_UnknownOrNewerModel_IsNull(string model)
    {
        Assert.That(ModelFamilies.FindClaude(model), Is.Null);
    }

    [TestCase("grok-4", 256_000, true)]
    [TestCase("grok-4-0709", 256_000, true)]
    [TestCase("grok-4-latest", 256_000, true)]
    [TestCase("grok-4-fast-reasoning", 2_000_000, true)]
    [TestCase("grok-4-1-fast-non-reasoning", 2_000_000, true)]
    [TestCase("grok-3", 131_072, false)]
    [TestCase("grok-3-fast", 131_072, false)]
    [TestCase("grok-3-mini", 131_072, false)]
    [TestCase("grok-2-1212", 131_072, false)]
    [TestCase("grok-2-vision-1212", 32_768, true)]
    public void FindGrok_KnownModel_WindowAndImages(string model, int window, bool images)
    {
        var capabilities = ModelFamilies.FindGrok(model);

        Assert.That(capabilities, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(capabilities!.ContextWindowTokens, Is.EqualTo(window));
            Assert.That(capabilities.Images, Is.EqualTo(images));
            Assert.That(capabilities.Documents, Is.False);
            Assert.That(capabilities.OutputTokenLimit, Is.Null);
        });
    }

    [TestCase("grok-3-mini", ChatReasoningEfforts.Low | ChatReasoningEfforts.High)]
    [TestCase("grok-3-mini-fast", ChatReasoningEfforts.Low | ChatReasoningEfforts.High)]
    [TestCase("grok-4", ChatReasoningEfforts.None)]
    [TestCase("grok-4-fast", ChatReasoningEfforts.None)]
    [TestCase("grok-3", ChatReasoningEfforts.None)]
    public void FindGrok_ReasoningEfforts_AsDocumented(string model, ChatReasoningEfforts efforts)
    {
        Assert.That(ModelFamilies.FindGrok(model)!.ReasoningEfforts, Is.EqualTo(efforts));
    }

    [TestCase("grok-4", false)]
    [TestCase("grok-4-0709", false)]
    [TestCase("grok-4-fast", false)]
    [TestCase("grok-4-1-fast-reasoning", false)]
    [TestCase("grok-3-mini-fast", false)]
    [TestCase("grok-4-fast-non-reasoning", true)]
    [TestCase("grok-4-1-fast-non-reasoning", true)]
    [TestCase("grok-3", true)]
    [TestCase("grok-2-vision-1212", true)]
    public void FindGrok_StopSequences_RefusedByModelsThatReason(string model, bool takesStop)
    {
        Assert.That(ModelFamilies.FindGrok(model)!.StopSequences, Is.EqualTo(takesStop));
    }

    [TestCase("grok-4.20")]
    [TestCase("grok-4.3")]
    [TestCase("grok-code-fast-1")]
    [TestCase("grok-3-mini-high")]
    public void FindGrok_UnknownModel_IsNull(string model)
    {
        Assert.That(ModelFamilies.FindGrok(model), Is.Null);
    }
}
