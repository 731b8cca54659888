using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using MultiModel.Testing;

namespace MultiModel.Tests.Testing;

/// <summary>Raw HTTP calls to a <see cref="ProviderEmulator"/>, shaped like the Claude and Grok providers send them.</summary>
internal static class EmulatorCalls
{
    public const string AnthropicBody = """
        {"model":"claude-sonnet-4-5","max_tokens":256,"system":"You answer tersely.","messages":[{"role":"user","content":"What is the boiling point of water at sea level in C?"}]}
        """;

    public const string AnthropicStreamBody = """
        {"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"Count to three."}]}
        """;

    public const string XaiBody = """
        {"model":"grok-4-1-fast-non-reasoning","messages":[{"role":"system","content":"You are concise."},{"role":"user","content":"Name three prime numbers."}],"stream":false}
        """;

    public const string XaiStreamBody = """
        {"model":"grok-3-mini","messages":[{"role":"user","content":"Name a prime."}],"stream":true,"stream_options":{"include_usage":true}}
        """;

    public static HttpRequestMessage Anthropic(ProviderEmulator emulator, string body = AnthropicBody, string? apiKey = null, bool version = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.AnthropicBaseUrl, "/v1/messages"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (apiKey != string.Empty)
        {
            request.Headers.Add("x-api-key", apiKey ?? emulator.Anthropic.ApiKey);
        }

        if (version)
        {
            request.Headers.Add("anthropic-version", "2023-06-01");
        }

        return request;
    }

    public static HttpRequestMessage Xai(ProviderEmulator emulator, string body = XaiBody, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, emulator.XaiBaseUrl + "/chat/completions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (apiKey != string.Empty)
        {
            request.Headers.Authorization = new("Bearer", apiKey ?? emulator.Xai.ApiKey);
        }

        return request;
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Json)> SendJsonAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response, document.RootElement.Clone());
    }

    public static async Task<(HttpResponseMessage Response, List<SseItem<string>> Events)> SendStreamAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = new List<SseItem<string>>();
        await using var stream = await response.Content.ReadAsStreamAsync();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            events.Add(item);
        }

        return (response, events);
    }

    public static JsonElement Json(SseItem<string> item)
    {
        using var document = JsonDocument.Parse(item.Data);
        return document.RootElement.Clone();
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;
}
