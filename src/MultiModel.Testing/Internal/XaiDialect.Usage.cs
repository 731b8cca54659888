using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MultiModel.Testing.Internal;

/// <summary>The usage and log-probability members of xAI's answers and final chunks.</summary>
internal sealed partial class XaiDialect
{
    private static void WriteUsage(Utf8JsonWriter w, EmulatorExchange exchange, AnswerPlan plan)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", exchange.InputTokens);
        w.WriteNumber("completion_tokens", plan.OutputTokens);
        w.WriteNumber("total_tokens", exchange.InputTokens + plan.OutputTokens);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("text_tokens", exchange.InputTokens - exchange.ImageTokens);
        w.WriteNumber("audio_tokens", 0);
        w.WriteNumber("image_tokens", exchange.ImageTokens);
        w.WriteNumber("cached_tokens", 0);
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details");
        w.WriteNumber("reasoning_tokens", 0);
        w.WriteNumber("audio_tokens", 0);
        w.WriteNumber("accepted_prediction_tokens", 0);
        w.WriteNumber("rejected_prediction_tokens", 0);
        w.WriteEndObject();
        w.WriteNumber("num_sources_used", 0);
        w.WriteEndObject();
    }

    /// <summary>Writes an OpenAI-shaped <c>logprobs</c> object for the tokens [start, start + count).</summary>
    private static void WriteLogprobs(Utf8JsonWriter w, EmulatorExchange exchange, AnswerPlan plan, int start, int count)
    {
        var logprob = Math.Log(plan.LogprobProbability);
        var alternatives = exchange.TopLogprobs;
        var alternativeLogprob = Math.Log(Math.Max(1 - plan.LogprobProbability, 1e-6) / Math.Max(alternatives, 1));
        w.WriteStartObject();
        w.WriteStartArray("content");
        for (var i = start; i < start + count; i++)
        {
            var token = plan.Pieces[i];
            w.WriteStartObject();
            WriteToken(w, token, logprob);
            w.WriteStartArray("top_logprobs");
            for (var k = 0; k < alternatives; k++)
            {
                w.WriteStartObject();
                if (k == 0)
                {
                    WriteToken(w, token, logprob);
                }
                else
                {
                    WriteToken(w, string.Create(CultureInfo.InvariantCulture, $" alt{k}"), alternativeLogprob);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNull("refusal");
        w.WriteEndObject();
    }

    private static void WriteToken(Utf8JsonWriter w, string token, double logprob)
    {
        w.WriteString("token", token);
        w.WriteNumber("logprob", logprob);
        w.WriteStartArray("bytes");
        foreach (var b in Encoding.UTF8.GetBytes(token))
        {
            w.WriteNumberValue(b);
        }

        w.WriteEndArray();
    }
}
