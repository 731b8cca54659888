using MultiModel.Failover;
using MultiModel.Testing;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Integration;

/// <summary>
/// Stream resumption end to end: the real DI container, the real providers and resilience pipeline, the emulator over
/// loopback HTTP. The emulator answers "Hello from the provider emulator." in five deltas; the primary breaks after
/// two ("Hello from"), and the secondary, asked to continue, sends the rest as a model would.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class StreamResumptionTests
{
    private const string Whole = "Hello from the provider emulator.";
    private const string Delivered = "Hello from";

    public enum Break
    {
        Cut,
        ErrorEvent,
        Stall,
    }

    [Test]
    public async Task Stream_BreakAfterContent_SecondaryContinuesAndTheCallerReadsOneAnswer([Values] Break kind, [Values] Primary primary)
    {
        await using var harness = await StartAsync(primary, kind);
        harness.PrimaryEndpoint.Enqueue(BreakAfterTwoDeltas(kind));

        var updates = await StreamAsync(harness.Chain, IntegrationHarness.Request());

        var final = updates[^1];
        Assert.Multiple(() =>
        {
            Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo(Whole));
            Assert.That(TextOf(updates, harness.PrimaryName), Is.EqualTo(Delivered), "the primary's delivered prefix comes first");
            Assert.That(TextOf(updates, harness.SecondaryName), Is.EqualTo(" the provider emulator."), "then the continuation, with nothing repeated");
            Assert.That(final.ProviderName, Is.EqualTo(harness.SecondaryName));
            Assert.That(final.Resumptions!.Select(r => (r.Offset, r.BrokenProviderName, r.ProviderName, r.OverlapLength)), Is.EqualTo(new[] { (Delivered.Length, harness.PrimaryName, harness.SecondaryName, 0) }));
            Assert.That(final.Attempts!.Select(a => (a.ProviderName, a.Outcome, a.DeliveredTextLength)), Is.EqualTo(new[]
            {
                (harness.PrimaryName, ChatAttemptOutcome.Failed, (int?)Delivered.Length),
                (harness.SecondaryName, ChatAttemptOutcome.Succeeded, (int?)(Whole.Length - Delivered.Length)),
            }));
            Assert.That(final.Confidence!.MeetsThreshold, Is.True);
        });
        if (kind == Break.Stall)
        {
            Assert.That(final.Attempts![0].ErrorClass, Is.EqualTo(ChatErrorClass.Timeout));
        }

        AssertContinuationRequest(harness, primary);
    }

    [Test]
    public async Task Stream_ContinuationRepeatsTheEnd_TheRepeatIsRemoved([Values] Primary primary)
    {
        await using var harness = await StartAsync(primary, Break.Cut);
        harness.PrimaryEndpoint.Enqueue(BreakAfterTwoDeltas(Break.Cut));
        harness.SecondaryEndpoint.Enqueue(EmulatorBehavior.Answer("from the provider emulator."));

        var updates = await StreamAsync(harness.Chain, IntegrationHarness.Request());

        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo(Whole));
        Assert.That(updates[^1].Resumptions!.Single().OverlapLength, Is.EqualTo("from".Length));
    }

    [Test]
    public async Task Stream_ResumptionOff_FailsAfterContentAsBefore([Values] Primary primary)
    {
        await using var harness = await IntegrationHarness.StartAsync(primary);
        harness.PrimaryEndpoint.Enqueue(BreakAfterTwoDeltas(Break.Cut));
        var received = new List<ChatResponseUpdate>();

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => StreamAsync(harness.Chain, IntegrationHarness.Request(), received));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
        Assert.That(ex.PartialText, Is.EqualTo(Delivered));
        Assert.That(string.Concat(received.Select(u => u.Text)), Is.EqualTo(Delivered));
        Assert.That(harness.SecondaryEndpoint.RequestCount, Is.Zero);
    }

    [Test]
    public async Task Stream_RequestWithTools_IsNotResumed([Values] Primary primary)
    {
        await using var harness = await StartAsync(primary, Break.Cut);
        harness.PrimaryEndpoint.Enqueue(BreakAfterTwoDeltas(Break.Cut));
        var request = IntegrationHarness.Request();
        request.Tools.Add(ToolTestData.Weather());

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => StreamAsync(harness.Chain, request));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
        Assert.That(harness.SecondaryEndpoint.RequestCount, Is.Zero);
    }

    [Test]
    public async Task Stream_JsonSchemaRequest_IsNotResumed([Values] Primary primary)
    {
        await using var harness = await StartAsync(primary, Break.ErrorEvent);
        harness.PrimaryEndpoint.Enqueue(EmulatorBehavior.StreamError(afterDeltas: 2));
        var request = new ChatRequest("Who?") { ResponseFormat = ToolTestData.PersonFormat() };

        var ex = Assert.ThrowsAsync<ChatFailoverException>(() => StreamAsync(harness.Chain, request));

        Assert.That(ex!.Reason, Is.EqualTo(ChatFailoverReason.FailedAfterContent));
        Assert.That(harness.SecondaryEndpoint.RequestCount, Is.Zero);
    }

    private static Task<IntegrationHarness> StartAsync(Primary primary, Break kind) => IntegrationHarness.StartAsync(primary, s =>
    {
        s.ResumeStreams = true;

        // A stall is noticed when the silence between two updates passes the chain's attempt timeout.
        s.ChainAttemptTimeout = kind == Break.Stall ? TimeSpan.FromSeconds(2) : s.ChainAttemptTimeout;
    });

    private static EmulatorBehavior BreakAfterTwoDeltas(Break kind) => kind switch
    {
        Break.Cut => EmulatorBehavior.StreamCut(afterDeltas: 2),
        Break.ErrorEvent => EmulatorBehavior.StreamError(afterDeltas: 2),
        _ => EmulatorBehavior.StreamStall(afterDeltas: 2),
    };

    /// <summary>Checks the request the secondary got: the partial answer as a prefill for Claude, with the instruction after it for Grok.</summary>
    private static void AssertContinuationRequest(IntegrationHarness harness, Primary primary)
    {
        var messages = harness.SecondaryEndpoint.Requests.Single().Body!.Value.GetProperty("messages");
        var turns = messages.EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())).ToList();
        var expected = primary == Primary.Grok
            ? new[] { ("user", "Name three prime numbers."), ("assistant", Delivered) }
            : new[] { ("user", "Name three prime numbers."), ("assistant", Delivered), ("user", ChatRequest.ContinuationInstruction) };
        Assert.That(turns, Is.EqualTo(expected));
    }

    private static string TextOf(IEnumerable<ChatResponseUpdate> updates, string provider) =>
        string.Concat(updates.Where(u => u.ProviderName == provider).Select(u => u.Text));

    private static async Task<List<ChatResponseUpdate>> StreamAsync(FailoverChatClient chain, ChatRequest request, List<ChatResponseUpdate>? into = null)
    {
        into ??= [];
        await foreach (var update in chain.GetStreamingResponseAsync(request))
        {
            into.Add(update);
        }

        return into;
    }
}
