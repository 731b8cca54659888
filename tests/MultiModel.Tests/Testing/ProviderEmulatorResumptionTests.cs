using System.Net;
using System.Text.Json;
using MultiModel.Testing;
using static MultiModel.Tests.Testing.EmulatorCalls;

namespace MultiModel.Tests.Testing;

/// <summary>The emulator's side of stream resumption: continuing a partial answer, the prefill rule, stalls, and the seeded chaos mode.</summary>
[Parallelizable(ParallelScope.All)]
public class ProviderEmulatorResumptionTests
{
    private const string Answer = "one two three four";

    [Test]
    public async Task Answer_AnthropicPrefill_SendsOnlyTheRestOfTheAnswer()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Anthropic.Default = EmulatorBehavior.Answer(Answer);
        using var client = new HttpClient();
        const string Body = """
            {"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"Count."},{"role":"assistant","content":"one two"}]}
            """;

        var (_, events) = await SendStreamAsync(client, Anthropic(emulator, Body));

        var text = string.Concat(events.Where(e => e.EventType == "content_block_delta").Select(e => Json(e).GetProperty("delta").GetProperty("text").GetString()));
        Assert.That(text, Is.EqualTo(" three four"));
    }

    [Test]
    public async Task Answer_XaiContinuationInstruction_SendsOnlyTheRestOfTheAnswer()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Default = EmulatorBehavior.Answer(Answer);
        using var client = new HttpClient();
        var body = JsonSerializer.Serialize(new
        {
            model = "grok-4",
            messages = new[]
            {
                new { role = "user", content = "Count." },
                new { role = "assistant", content = "one two" },
                new { role = "user", content = ChatRequest.ContinuationInstruction },
            },
        });

        var (_, json) = await SendJsonAsync(client, Xai(emulator, body));

        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo(" three four"));
    }

    [Test]
    public async Task Answer_AssistantTurnInTheHistory_AnswersAnew()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Default = EmulatorBehavior.Answer(Answer);
        using var client = new HttpClient();
        const string Body = """
            {"model":"grok-4","messages":[{"role":"user","content":"Count."},{"role":"assistant","content":"one two"},{"role":"user","content":"Again."}]}
            """;

        var (_, json) = await SendJsonAsync(client, Xai(emulator, Body));

        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo(Answer));
    }

    [Test]
    public async Task Check_AnthropicPrefillEndingWithWhiteSpace_Rejects400LikeTheApi()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var client = new HttpClient();
        const string Body = """
            {"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"Count."},{"role":"assistant","content":"one two "}]}
            """;

        var (response, json) = await SendJsonAsync(client, Anthropic(emulator, Body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        Assert.That(json.GetProperty("error").GetProperty("message").GetString(), Is.EqualTo("messages: final assistant content cannot end with trailing whitespace"));
    }

    [Test]
    public async Task StreamStall_Xai_SendsTheDeltasThenNothingUntilTheClientGivesUp()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Enqueue(EmulatorBehavior.StreamStall(afterDeltas: 2, text: Answer));
        using var client = new HttpClient();
        using var response = await client.SendAsync(Xai(emulator, XaiStreamBody), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var lines = new List<string>();

        Assert.That(async () =>
        {
            while (await reader.ReadLineAsync(giveUp.Token) is { } line)
            {
                lines.Add(line);
            }
        }, Throws.InstanceOf<OperationCanceledException>());

        Assert.That(lines.Count(l => l.StartsWith("data: ", StringComparison.Ordinal)), Is.EqualTo(2));
        response.Dispose();
        await emulator.WaitUntilAsync(e => e.AbortedRequests == 1, TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task Chaos_SameSeed_DrawsTheSameFaultsInTheSameOrder()
    {
        var first = await DrawAsync(seed: 42);
        var again = await DrawAsync(seed: 42);
        var other = await DrawAsync(seed: 43);

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    [Test]
    public async Task Chaos_FaultRate_FailsAboutThatShareOfRequests()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        var chaos = emulator.Anthropic.Chaos = new EmulatorChaos(faultRate: 0.2, seed: 7);
        using var client = new HttpClient();

        var outcomes = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            outcomes.Add(await OutcomeAsync(client, Anthropic(emulator, AnthropicStreamBody)));
        }

        Assert.That(chaos.RequestCount, Is.EqualTo(200));
        Assert.That(chaos.FaultCount, Is.InRange(23, 57), "20 % of 200, within three standard deviations");
        Assert.That(outcomes.Count(o => o != "complete"), Is.EqualTo(chaos.FaultCount), "every fault shows, every other request completes");
        Assert.That(outcomes.Select(o => o.Split(' ')[0]).Distinct(), Is.SupersetOf(new[] { "complete", "status", "reset", "cut", "error-event", "stall" }));
    }

    [Test]
    public async Task Chaos_QueuedBehaviours_ArePlayedWithoutADraw()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        var chaos = emulator.Xai.Chaos = new EmulatorChaos(faultRate: 1, seed: 1);
        emulator.Xai.Enqueue(EmulatorBehavior.Answer("queued"));
        using var client = new HttpClient();

        var (response, json) = await SendJsonAsync(client, Xai(emulator));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("queued"));
        Assert.That(chaos.RequestCount, Is.Zero);
    }

    [TestCase(-0.1)]
    [TestCase(1.1)]
    [TestCase(double.NaN)]
    public void Chaos_RateOutsideZeroToOne_Throws(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new EmulatorChaos(rate, seed: 1));

    /// <summary>Makes 40 streamed requests to a chaos endpoint and returns what each got.</summary>
    private static async Task<List<string>> DrawAsync(int seed)
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        emulator.Xai.Chaos = new EmulatorChaos(faultRate: 0.5, seed);
        using var client = new HttpClient();
        var outcomes = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            outcomes.Add(await OutcomeAsync(client, Xai(emulator, XaiStreamBody)));
        }

        return outcomes;
    }

    /// <summary>Sends a streamed request and names what came back: a complete stream, an error status, a reset, a cut, an error event or a stall (with the deltas before it).</summary>
    private static async Task<string> OutcomeAsync(HttpClient client, HttpRequestMessage request)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException)
        {
            return "reset";
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return "status " + (int)response.StatusCode;
            }

            var body = new List<string>();
            var stalled = false;
            try
            {
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                using var stall = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
                while (await reader.ReadLineAsync(stall.Token) is { } line)
                {
                    body.Add(line);
                }
            }
            catch (OperationCanceledException)
            {
                stalled = true;
            }

            var kind = stalled ? "stall"
                : body.Any(l => l.Contains("\"error\"", StringComparison.Ordinal)) ? "error-event"
                : body.Any(l => l is "data: [DONE]" or "event: message_stop") ? "complete"
                : "cut";
            var deltas = body.Count(l => l.StartsWith("data: ", StringComparison.Ordinal) && (l.Contains("text_delta", StringComparison.Ordinal) || l.Contains("\"content\":\"", StringComparison.Ordinal)));
            return kind == "complete" ? kind : $"{kind} after {deltas}";
        }
    }
}
