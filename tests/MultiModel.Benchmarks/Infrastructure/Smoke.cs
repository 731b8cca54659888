namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>Calls every client once and checks that all of them get the same answer: run before measuring.</summary>
internal static class Smoke
{
    public static async Task<int> RunAsync()
    {
        var server = EmulatorServer.Shared;
        using var clients = new Clients();
        var expected = Testing.EmulatorBehavior.CannedText(Scenario.AnswerTokens);
        var failures = 0;

        async Task Check(string what, Func<Task<string>> call)
        {
            try
            {
                var text = await call().ConfigureAwait(false);
                var ok = text == expected;
                failures += ok ? 0 : 1;
                Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {text.Length} chars");
            }
            catch (Exception ex)
            {
                failures++;
                Console.WriteLine($"FAIL {what}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        static async Task<string> Join(IAsyncEnumerable<string> deltas)
        {
            var builder = new System.Text.StringBuilder();
            await foreach (var delta in deltas.ConfigureAwait(false))
            {
                builder.Append(delta);
            }

            return builder.ToString();
        }

        static async Task<string> JoinUpdates(IAsyncEnumerable<ChatResponseUpdate> updates)
        {
            var builder = new System.Text.StringBuilder();
            await foreach (var update in updates.ConfigureAwait(false))
            {
                builder.Append(update.Text);
            }

            return builder.ToString();
        }

        var request = Scenario.Request();
        await Check("raw anthropic", () => clients.RawAnthropic(server.Ok).GetTextAsync(Scenario.Prompt, Scenario.MaxTokens)).ConfigureAwait(false);
        await Check("raw anthropic stream", () => Join(clients.RawAnthropic(server.Ok).StreamTextAsync(Scenario.Prompt, Scenario.MaxTokens))).ConfigureAwait(false);
        await Check("raw xai", () => clients.RawXai(server.Ok).GetTextAsync(Scenario.Prompt, Scenario.MaxTokens)).ConfigureAwait(false);
        await Check("raw xai stream", () => Join(clients.RawXai(server.Ok).StreamTextAsync(Scenario.Prompt, Scenario.MaxTokens))).ConfigureAwait(false);
        await Check("anthropic sdk", () => PeerCalls.AnthropicTextAsync(clients.AnthropicSdk(server.Ok))).ConfigureAwait(false);
        await Check("anthropic sdk stream", () => Join(PeerCalls.AnthropicStreamAsync(clients.AnthropicSdk(server.Ok)))).ConfigureAwait(false);
        await Check("openai sdk", () => PeerCalls.OpenAITextAsync(clients.OpenAISdk(server.Ok))).ConfigureAwait(false);
        await Check("openai sdk stream", () => Join(PeerCalls.OpenAIStreamAsync(clients.OpenAISdk(server.Ok)))).ConfigureAwait(false);
        await Check("claude", async () => (await clients.Claude(server.Ok).GetResponseAsync(request).ConfigureAwait(false)).Text).ConfigureAwait(false);
        await Check("claude stream", () => JoinUpdates(clients.Claude(server.Ok).GetStreamingResponseAsync(request))).ConfigureAwait(false);
        await Check("grok", async () => (await clients.Grok(server.Ok).GetResponseAsync(request).ConfigureAwait(false)).Text).ConfigureAwait(false);
        await Check("grok stream", () => JoinUpdates(clients.Grok(server.Ok).GetStreamingResponseAsync(request))).ConfigureAwait(false);
        await Check("failover claude", async () => (await Clients.Failover(clients.Claude(server.Ok)).GetResponseAsync(request).ConfigureAwait(false)).Text).ConfigureAwait(false);
        await Check("failover 503 -> claude", async () => (await Clients.Failover(clients.Claude(server.Down, "down"), clients.Claude(server.Ok)).GetResponseAsync(request).ConfigureAwait(false)).Text).ConfigureAwait(false);
        await Check("failover grok stream", () => JoinUpdates(Clients.Failover(clients.Grok(server.Ok)).GetStreamingResponseAsync(request))).ConfigureAwait(false);
        await Check("by hand resilient claude", async () => (await clients.ByHandResilient(server.Ok, claude: true).GetResponseAsync(request).ConfigureAwait(false)).Text).ConfigureAwait(false);
        var (diClaude, diGrok) = clients.DependencyInjection(server.Ok);
        await Check("di claude", async () => (await diClaude.GetResponseAsync(request).ConfigureAwait(false)).Text).ConfigureAwait(false);
        await Check("di grok stream", () => JoinUpdates(diGrok.GetStreamingResponseAsync(request))).ConfigureAwait(false);
        Console.WriteLine(failures == 0 ? "all clients agree" : $"{failures} client(s) failed");
        return failures == 0 ? 0 : 1;
    }
}
