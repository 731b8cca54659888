using System.Text;
using MultiModel.Tests.Conformance;

namespace MultiModel.Tests.Integration;

/// <summary>Well-formed answers in both wire formats, the seeds of the fuzz cases: small ones written here, and the recorded traffic when it is present.</summary>
internal static class FuzzPayloads
{
    public const string ClaudeJson = """
        {"id":"msg_01Fz","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
         "content":[{"type":"thinking","thinking":"Small primes first.","signature":"c2ln"},{"type":"text","text":"2, 3 and 5."}],
         "stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":14,"cache_creation_input_tokens":0,"cache_read_input_tokens":2,"output_tokens":9}}
        """;

    public const string ClaudeSse = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_01Fz","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"usage":{"input_tokens":14,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: ping
        data: {"type":"ping"}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"2, 3"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" and 5."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    public const string XaiJson = """
        {"id":"5f1c0c2e-2d1b-4b7e-9d55-0d6f8e1b2a11","object":"chat.completion","created":1760000000,"model":"grok-4",
         "choices":[{"index":0,"message":{"role":"assistant","content":"2, 3 and 5.","reasoning_content":"Small primes."},
           "logprobs":{"content":[{"token":"2","logprob":-0.01,"top_logprobs":[]},{"token":",","logprob":-0.2,"top_logprobs":[]}]},
           "finish_reason":"stop"}],
         "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,"completion_tokens_details":{"reasoning_tokens":2}},
         "system_fingerprint":"fp_fuzz"}
        """;

    public const string XaiSse = """
        data: {"id":"5f1c","object":"chat.completion.chunk","created":1760000000,"model":"grok-4","choices":[{"index":0,"delta":{"role":"assistant","content":"2, 3"},"logprobs":{"content":[{"token":"2","logprob":-0.01,"top_logprobs":[]}]}}]}

        data: {"id":"5f1c","object":"chat.completion.chunk","created":1760000000,"model":"grok-4","choices":[{"index":0,"delta":{"content":" and 5."}}]}

        data: {"id":"5f1c","object":"chat.completion.chunk","created":1760000000,"model":"grok-4","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

        data: {"id":"5f1c","object":"chat.completion.chunk","created":1760000000,"model":"grok-4","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}

        data: [DONE]


        """;

    public const string ClaudeError = """
        {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}
        """;

    public const string XaiError = """
        {"code":"Some requested entity was not found","error":"The model grok-9 does not exist or your team does not have access to it."}
        """;

    /// <summary>Gets every seed payload.</summary>
    public static IReadOnlyList<FuzzSeed> All() => [.. Own(), .. Recorded()];

    private static IEnumerable<FuzzSeed> Own()
    {
        yield return new("own claude.json", Primary.Claude, false, Encoding.UTF8.GetBytes(ClaudeJson));
        yield return new("own claude.sse", Primary.Claude, true, Encoding.UTF8.GetBytes(ClaudeSse));
        yield return new("own claude error", Primary.Claude, false, Encoding.UTF8.GetBytes(ClaudeError), Status: 529);
        yield return new("own xai.json", Primary.Grok, false, Encoding.UTF8.GetBytes(XaiJson));
        yield return new("own xai.sse", Primary.Grok, true, Encoding.UTF8.GetBytes(XaiSse));
        yield return new("own xai error", Primary.Grok, false, Encoding.UTF8.GetBytes(XaiError), Status: 404);
    }

    /// <summary>Reads the recorded traffic of the repository's fixtures; a missing recording fails the test.</summary>
    private static IEnumerable<FuzzSeed> Recorded()
    {
        foreach (var (folder, primary) in new[] { ("anthropic", Primary.Claude), ("xai", Primary.Grok) })
        {
            foreach (var extension in new[] { ".json", ".sse" })
            {
                foreach (var name in RecordedFixtures.Names(folder, extension))
                {
                    // Error bodies (error-429-….json) are served with their status, the others with 200.
                    var status = name.StartsWith("error-", StringComparison.Ordinal) && int.TryParse(name.AsSpan(6, 3), out var code) ? code : 200;
                    yield return new($"recorded {folder}/{name}", primary, extension == ".sse", RecordedFixtures.Read(folder, name).Body, status);
                }
            }
        }
    }
}

/// <summary>One well-formed payload the fuzzer starts from, and the HTTP status it is served with.</summary>
internal sealed record FuzzSeed(string Name, Primary Provider, bool Streamed, byte[] Bytes, int Status = 200);
