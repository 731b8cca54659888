using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MultiModel.Diagnostics;

/// <summary>Writes prompt and answer content as GenAI span events and log values; used only when sensitive data is enabled.</summary>
internal static class GenAiContent
{
    public const string ContentTag = "gen_ai.event.content";

    // Telemetry is not HTML: keep text readable (no \u002B for '+'); JSON syntax is still escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Adds one <c>gen_ai.{role}.message</c> event per request message to the span.</summary>
    public static void AddInputEvents(Activity activity, ChatRequest request)
    {
        foreach (var message in request.Messages)
        {
            var name = message.Role switch
            {
                ChatRole.System => "gen_ai.system.message",
                ChatRole.Assistant => "gen_ai.assistant.message",
                _ => "gen_ai.user.message",
            };
            activity.AddEvent(new ActivityEvent(name, tags: new ActivityTagsCollection { [ContentTag] = Json(w => w.WriteString("content", message.Text)) }));
        }
    }

    /// <summary>Adds the <c>gen_ai.choice</c> event carrying the answer to the span.</summary>
    public static void AddChoiceEvent(Activity activity, string finishReason, string text) =>
        activity.AddEvent(new ActivityEvent("gen_ai.choice", tags: new ActivityTagsCollection
        {
            [ContentTag] = Json(w =>
            {
                w.WriteNumber("index", 0);
                w.WriteString("finish_reason", finishReason);
                w.WriteStartObject("message");
                w.WriteString("role", "assistant");
                w.WriteString("content", text);
                w.WriteEndObject();
            }),
        }));

    /// <summary>Renders the request messages as a JSON array of role and content, for the Trace log.</summary>
    public static string Messages(ChatRequest request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var message in request.Messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role.ToString().ToLowerInvariant());
                writer.WriteString("content", message.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
