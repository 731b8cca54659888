using System.Net;
using MultiModel.Failover;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;
using RichardSzalay.MockHttp;

namespace MultiModel.Tests.Failover;

/// <summary>
/// Requests one provider cannot take, through real Claude and Grok providers over MockHttp: the chain skips that
/// provider without an HTTP request, and throws <see cref="ArgumentException"/> before any request when none can take it.
/// Every case runs whole and streamed, through a flat chain, a nested chain and a hedging chain.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class FailoverChatClientRequestSupportTests
{
    private const string ClaudeUrl = "https://api.anthropic.com/v1/messages";
    private const string GrokUrl = "https://api.x.ai/v1/chat/completions";

    public enum Shape
    {
        Flat,
        Nested,
        Hedged,
    }

    private static IEnumerable<TestCaseData> Cases() =>
        from shape in Enum.GetValues<Shape>()
        from streaming in new[] { false, true }
        select new TestCaseData(shape, streaming).SetArgDisplayNames(shape.ToString(), streaming ? "streamed" : "whole");

    [TestCaseSource(nameof(Cases))]
    public async Task Call_ClaudeFirstAndTemperature1_5_SkipsClaudeWithItsReasonAndGrokAnswers(Shape shape, bool streaming)
    {
        using var wire = new Wire();
        var grokCalls = wire.AnswerGrok("Paris.", streaming);
        var sut = wire.Chain(shape, claudeFirst: true);

        var (text, provider, attempts) = await CallAsync(sut, new ChatRequest("Capital of France?") { Temperature = 1.5 }, streaming);

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("Paris."));
            Assert.That(provider, Is.EqualTo("grok"));
            Assert.That(attempts.Select(a => a.Outcome), Is.EqualTo(new[] { ChatAttemptOutcome.Skipped, ChatAttemptOutcome.Succeeded }));
            Assert.That(attempts[0].SkipReason, shape == Shape.Nested
                ? Does.Contain("claude: unsupported: temperature 1.5 outside 0–1")
                : Is.EqualTo("unsupported: temperature 1.5 outside 0–1"));
            Assert.That(wire.Http.GetMatchCount(wire.ClaudeCalls), Is.Zero, "Claude gets no HTTP request");
            Assert.That(wire.Http.GetMatchCount(grokCalls), Is.EqualTo(1));
        });
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Call_GrokFirstAndSixStopSequences_SkipsGrokAndClaudeAnswers(Shape shape, bool streaming)
    {
        using var wire = new Wire();
        var claudeCalls = wire.AnswerClaude("Paris.", streaming);
        var sut = wire.Chain(shape, claudeFirst: false);
        var request = new ChatRequest("Capital of France?");
        foreach (var stop in new[] { "a", "b", "c", "d", "e", "f" })
        {
            request.StopSequences.Add(stop);
        }

        var (text, provider, attempts) = await CallAsync(sut, request, streaming);

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("Paris."));
            Assert.That(provider, Is.EqualTo("claude"));
            Assert.That(attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Skipped));
            Assert.That(attempts[0].SkipReason, Does.Contain("unsupported: at most 4 stop sequences (got 6)"));
            Assert.That(wire.Http.GetMatchCount(wire.GrokCalls), Is.Zero, "Grok gets no HTTP request");
            Assert.That(wire.Http.GetMatchCount(claudeCalls), Is.EqualTo(1));
        });
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Call_GrokOnAReasoningModelFirstAndAStopSequence_SkipsGrokAndClaudeAnswers(Shape shape, bool streaming)
    {
        using var wire = new Wire();
        var claudeCalls = wire.AnswerClaude("Paris.", streaming);
        var sut = wire.Chain(shape, claudeFirst: false);
        var request = new ChatRequest("Capital of France?");
        request.StopSequences.Add("END");

        var (text, provider, attempts) = await CallAsync(sut, request, streaming);

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("Paris."));
            Assert.That(provider, Is.EqualTo("claude"));
            Assert.That(attempts[0].Outcome, Is.EqualTo(ChatAttemptOutcome.Skipped));
            Assert.That(attempts[0].SkipReason, Does.Contain("unsupported: grok-4 takes no stop sequences"), "xAI answers 400 to stop on a model that reasons");
            Assert.That(wire.Http.GetMatchCount(wire.GrokCalls), Is.Zero, "Grok gets no HTTP request");
            Assert.That(wire.Http.GetMatchCount(claudeCalls), Is.EqualTo(1));
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void Call_TemperatureNoProviderTakes_ThrowsArgumentExceptionNamingEachReasonBeforeAnyRequest(Shape shape, bool streaming)
    {
        using var wire = new Wire();
        var sut = wire.Chain(shape, claudeFirst: true);
        var request = new ChatRequest("Capital of France?") { Temperature = 5 };

        var ex = streaming
            ? Assert.Throws<ArgumentException>(() => sut.GetStreamingResponseAsync(request))
            : Assert.ThrowsAsync<ArgumentException>(() => sut.GetResponseAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.ParamName, Is.EqualTo("request"));
            Assert.That(ex.Message, Does.Contain("claude: unsupported: temperature 5 outside 0–1"));
            Assert.That(ex.Message, Does.Contain("grok: unsupported: temperature 5 outside 0–2"));
            Assert.That(wire.Http.GetMatchCount(wire.ClaudeCalls) + wire.Http.GetMatchCount(wire.GrokCalls), Is.Zero);
        });
    }

    [Test]
    public void CheckRequest_NestedChainWhoseProvidersCannotTakeIt_IsUnsupportedWithEachReason()
    {
        using var wire = new Wire();
        var inner = wire.Chain(Shape.Flat, claudeFirst: true);
        var request = new ChatRequest("hi") { Temperature = 1.5 };

        Assert.Multiple(() =>
        {
            Assert.That(inner.CheckRequest(request).IsSupported, Is.True, "Grok can take it");
            request.Temperature = 3;
            var support = inner.CheckRequest(request);
            Assert.That(support.IsSupported, Is.False);
            Assert.That(support.Category, Is.EqualTo(ChatRequestSupport.UnsupportedCategory));
            Assert.That(support.Reason, Is.EqualTo(
                "no provider of chain 'failover' can take the request (claude: unsupported: temperature 3 outside 0–1; grok: unsupported: temperature 3 outside 0–2)"));
        });
    }

    private static async Task<(string Text, string Provider, IReadOnlyList<ChatAttempt> Attempts)> CallAsync(FailoverChatClient sut, ChatRequest request, bool streaming)
    {
        if (!streaming)
        {
            var response = await sut.GetResponseAsync(request);
            return (response.Text, response.ProviderName, response.Attempts);
        }

        var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(request));
        return (string.Concat(updates.Select(u => u.Text)), updates[^1].ProviderName, updates[^1].Attempts!);
    }

    /// <summary>A Claude and a Grok provider on one MockHttp handler: only what a test expects is answered.</summary>
    private sealed class Wire : IDisposable
    {
        private readonly HttpClient _client;

        public Wire()
        {
            Http.Fallback.Throw(new AssertionException("A provider sent a request that no test expected."));
            ClaudeCalls = Http.When(HttpMethod.Post, ClaudeUrl).Respond(HttpStatusCode.InternalServerError);
            GrokCalls = Http.When(HttpMethod.Post, GrokUrl).Respond(HttpStatusCode.InternalServerError);
            _client = Http.ToHttpClient();
        }

        public MockHttpMessageHandler Http { get; } = new();

        /// <summary>Gets the catch-all of Claude requests that no answer was set up for.</summary>
        public MockedRequest ClaudeCalls { get; }

        /// <summary>Gets the catch-all of Grok requests that no answer was set up for.</summary>
        public MockedRequest GrokCalls { get; }

        public FailoverChatClient Chain(Shape shape, bool claudeFirst)
        {
            IChatProvider claude = new ClaudeChatProvider(_client, new ClaudeProviderOptions { ApiKey = "sk-ant-test" });
            IChatProvider grok = new GrokChatProvider(_client, new GrokProviderOptions { ApiKey = "xai-test" });
            var (first, second) = claudeFirst ? (claude, grok) : (grok, claude);
            return shape switch
            {
                Shape.Nested => new FailoverChatClient([new FailoverChatClient([first], new FailoverChatClientOptions { Name = first.Name + "-chain" }), second]),
                Shape.Hedged => new FailoverChatClient([first, second], new FailoverChatClientOptions { HedgingDelay = TimeSpan.FromMinutes(5) }),
                _ => new FailoverChatClient([first, second]),
            };
        }

        public MockedRequest AnswerClaude(string text, bool streaming)
        {
            var answer = Http.Expect(HttpMethod.Post, ClaudeUrl);
            return streaming
                ? answer.Respond("text/event-stream", """
                    event: message_start
                    data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}}

                    event: content_block_start
                    data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                    event: content_block_delta
                    data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"TEXT"}}

                    event: content_block_stop
                    data: {"type":"content_block_stop","index":0}

                    event: message_delta
                    data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}

                    event: message_stop
                    data: {"type":"message_stop"}


                    """.Replace("TEXT", text, StringComparison.Ordinal))
                : answer.Respond("application/json", """
                    {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"TEXT"}],
                     "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":2}}
                    """.Replace("TEXT", text, StringComparison.Ordinal));
        }

        public MockedRequest AnswerGrok(string text, bool streaming)
        {
            var answer = Http.Expect(HttpMethod.Post, GrokUrl);
            return streaming
                ? answer.Respond("text/event-stream", """
                    data: {"id":"g-1","object":"chat.completion.chunk","created":1767000000,"model":"grok-4","choices":[{"index":0,"delta":{"role":"assistant","content":"TEXT"}}]}

                    data: {"id":"g-1","object":"chat.completion.chunk","created":1767000000,"model":"grok-4","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                    data: {"id":"g-1","object":"chat.completion.chunk","created":1767000000,"model":"grok-4","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}

                    data: [DONE]


                    """.Replace("TEXT", text, StringComparison.Ordinal))
                : answer.Respond("application/json", """
                    {"id":"g-1","object":"chat.completion","created":1767000000,"model":"grok-4",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"TEXT","refusal":null},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}
                    """.Replace("TEXT", text, StringComparison.Ordinal));
        }

        public void Dispose()
        {
            _client.Dispose();
            Http.Dispose();
        }
    }
}
