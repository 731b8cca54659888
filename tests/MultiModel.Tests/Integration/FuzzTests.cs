using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using MultiModel.Providers.Claude;
using MultiModel.Providers.Grok;

namespace MultiModel.Tests.Integration;

/// <summary>
/// Truncated and byte-mutated answers fed through both providers' JSON and SSE readers: each case must give a
/// valid answer or a <see cref="ChatProviderException"/>, never another exception, a crash or a hang.
/// <c>MULTIMODEL_FUZZ_SEED</c> replays a seed printed by an earlier run.
/// </summary>
[TestFixture]
[Category("Fuzz")]
[Parallelizable(ParallelScope.All)]
public class FuzzTests
{
    private const int Cases = 3000;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(5);
    private static readonly byte[] Interesting = "\"{}[]:,\\\n\r0-e.:"u8.ToArray().Concat(new byte[] { 0x00, 0xFF, 0xC3, 0xE2, 0x80 }).ToArray();

    [Test]
    public async Task Providers_MutatedAnswers_GiveAnAnswerOrATypedException()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MULTIMODEL_FUZZ_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        var seeds = FuzzPayloads.All();
        TestContext.Out.WriteLine($"Fuzz: {Cases} cases from {seeds.Count} payloads, seed {seed} (set MULTIMODEL_FUZZ_SEED={seed} to replay).");
        var random = new Random(seed);
        var problems = new List<string>();
        int answers = 0, typed = 0;
        var stopwatch = Stopwatch.StartNew();

        // Every payload unchanged first (they must all be readable or typed failures), then the mutations.
        for (var i = 0; i < Cases + seeds.Count; i++)
        {
            var payload = seeds[i < seeds.Count ? i : random.Next(seeds.Count)];
            var (mutation, bytes) = i < seeds.Count ? ("unchanged", payload.Bytes) : Mutate(payload.Bytes, random);
            var outcome = await RunCaseAsync(payload.Provider, payload.Streamed, payload.Status, bytes);
            switch (outcome)
            {
                case null:
                    answers++;
                    break;
                case ChatProviderException:
                    typed++;
                    break;
                default:
                    problems.Add($"case {i}: {payload.Name}, {mutation}: {outcome.GetType().Name}: {outcome.Message}");
                    break;
            }
        }

        TestContext.Out.WriteLine($"{answers} answers, {typed} ChatProviderExceptions, {problems.Count} problems in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        Assert.That(problems, Is.Empty, () => string.Join(Environment.NewLine, problems.Take(20)));
        Assert.That(answers, Is.GreaterThan(0), "the unchanged payloads and harmless mutations are read");
    }

    [TestCase(Primary.Claude, 529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Over\xFFloaded\"}}")]
    [TestCase(Primary.Grok, 503, "{\"code\":\"unavail\xFF_able\",\"error\":\"The model is at capacity.\"}")]
    public async Task Providers_ErrorBodyWithInvalidUtf8_ThrowChatProviderExceptionWithTheStatus(Primary provider, int status, string body)
    {
        // \xFF is not valid UTF-8: Latin-1 keeps it as one raw byte inside the JSON string.
        var bytes = System.Text.Encoding.Latin1.GetBytes(body);

        var thrown = await RunCaseAsync(provider, streamed: false, status, bytes);

        Assert.That(thrown, Is.TypeOf<ChatProviderException>());
        Assert.That(((ChatProviderException)thrown!).StatusCode, Is.EqualTo(status));
    }

    /// <summary>Returns null for a valid answer, or what the provider threw (a <see cref="TimeoutException"/> for a hang).</summary>
    private static async Task<Exception?> RunCaseAsync(Primary provider, bool streamed, int status, byte[] body)
    {
        using var http = new HttpClient(new BytesHandler((HttpStatusCode)status, body, streamed ? "text/event-stream" : "application/json"));
        IChatProvider chat = provider == Primary.Claude
            ? new ClaudeChatProvider(http, new ClaudeProviderOptions { ApiKey = "sk-ant-fuzz" })
            : new GrokChatProvider(http, new GrokProviderOptions { ApiKey = "xai-fuzz" });
        using var cts = new CancellationTokenSource(CaseTimeout);

        // On the thread pool, so that even a parser stuck in a loop cannot stop the watchdog.
        var run = Task.Run(() => ReadAsync(chat, streamed, cts.Token));
        if (await Task.WhenAny(run, Task.Delay(CaseTimeout + TimeSpan.FromSeconds(1))) != run)
        {
            return new TimeoutException("the reader did not finish (hang)");
        }

        try
        {
            await run;
            return null;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return new TimeoutException("the reader hung until the case timeout");
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static async Task ReadAsync(IChatProvider chat, bool streamed, CancellationToken cancellationToken)
    {
        var request = new ChatRequest("Name three primes.");
        if (!streamed)
        {
            var response = await chat.GetResponseAsync(request, cancellationToken);
            Check(response.ProviderName == chat.Name && response.Text is not null, "an answer names its provider and has a text");
            return;
        }

        var finals = 0;
        await foreach (var update in chat.GetStreamingResponseAsync(request, cancellationToken))
        {
            Check(update.ProviderName == chat.Name, "an update names its provider");
            finals += update.IsFinal ? 1 : 0;
        }

        Check(finals == 1, "a stream that ends normally ends with exactly one final update");
    }

    /// <summary>Reports an invalid answer as a problem of the case (not through Assert, whose failures NUnit records even when caught).</summary>
    private static void Check(bool condition, string rule)
    {
        if (!condition)
        {
            throw new InvalidDataException("invalid answer: " + rule);
        }
    }

    private static (string Mutation, byte[] Bytes) Mutate(byte[] source, Random random)
    {
        var bytes = source.ToList();
        switch (random.Next(5))
        {
            case 0:
                var length = random.Next(bytes.Count);
                return ($"truncated to {length} bytes", [.. bytes.Take(length)]);
            case 1:
                var flips = random.Next(1, 4);
                for (var i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                }

                return ($"{flips} random bytes", [.. bytes]);
            case 2:
                var at = random.Next(bytes.Count);
                bytes[at] = Interesting[random.Next(Interesting.Length)];
                return ($"byte {at} set to 0x{bytes[at]:X2}", [.. bytes]);
            case 3:
                var start = random.Next(bytes.Count);
                var count = random.Next(1, Math.Min(64, bytes.Count - start) + 1);
                bytes.RemoveRange(start, count);
                return ($"{count} bytes removed at {start}", [.. bytes]);
            default:
                var from = random.Next(bytes.Count);
                var span = bytes.Skip(from).Take(random.Next(1, 64)).ToArray();
                bytes.InsertRange(random.Next(bytes.Count), span);
                return ($"{span.Length} bytes duplicated from {from}", [.. bytes]);
        }
    }

    /// <summary>Answers every request with the given status and bytes.</summary>
    private sealed class BytesHandler(HttpStatusCode status, byte[] body, string mediaType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return Task.FromResult(new HttpResponseMessage(status) { Content = content, RequestMessage = request });
        }
    }
}
