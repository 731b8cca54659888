using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MultiModel.Testing.Internal;

/// <summary>Checks a request like the real API does (method, authentication, required headers and fields) and writes its rejection.</summary>
internal static class EmulatorRequestCheck
{
    /// <summary>Writes the real rejection when headers or body are wrong; returns <see langword="true"/> when it did.</summary>
    public static async Task<bool> CheckAsync(EmulatorExchange exchange, EmulatedProvider provider, EmulatorRequest record, JsonElement? body, string? partProblem)
    {
        var dialect = provider.Dialect;
        var headers = exchange.Context.Request.Headers;
        if (!HttpMethods.IsPost(exchange.Context.Request.Method))
        {
            await dialect.WriteErrorAsync(exchange, 405, null, "Method not allowed", null).ConfigureAwait(false);
            return true;
        }

        if (provider.Kind == EmulatedProviderKind.Anthropic)
        {
            var key = headers["x-api-key"].ToString();
            record.Authenticated = FixedTimeEquals(key, provider.ApiKey);
            if (!record.Authenticated)
            {
                await dialect.WriteErrorAsync(exchange, 401, "authentication_error", key.Length == 0 ? "x-api-key header is required" : "invalid x-api-key", null).ConfigureAwait(false);
                return true;
            }

            if (string.IsNullOrWhiteSpace(headers["anthropic-version"]))
            {
                await dialect.WriteErrorAsync(exchange, 400, "invalid_request_error", "anthropic-version: header is required", null).ConfigureAwait(false);
                return true;
            }
        }
        else
        {
            var authorization = headers.Authorization.ToString();
            if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length == 7)
            {
                await dialect.WriteErrorAsync(exchange, 401, null, null, null).ConfigureAwait(false);
                return true;
            }

            var key = authorization[7..].Trim();
            record.Authenticated = FixedTimeEquals(key, provider.ApiKey);
            if (!record.Authenticated)
            {
                var message = $"Incorrect API key provided: {XaiDialect.MaskKey(key)}. You can obtain an API key from https://console.x.ai.";
                await dialect.WriteErrorAsync(exchange, 400, null, message, null).ConfigureAwait(false);
                return true;
            }
        }

        if ((MissingField(provider.Kind, body) ?? partProblem) is { } problem)
        {
            await dialect.WriteErrorAsync(exchange, 400, null, problem, null).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>Describes what is wrong with the body in the provider's words (a missing field, an Anthropic prefill that ends with white space), or returns null when it is acceptable.</summary>
    private static string? MissingField(EmulatedProviderKind kind, JsonElement? body)
    {
        var anthropic = kind == EmulatedProviderKind.Anthropic;
        if (body is not { ValueKind: JsonValueKind.Object } json)
        {
            return anthropic
                ? "There was an error parsing the body of your request. Please ensure it is valid JSON."
                : "Failed to parse the request body as JSON.";
        }

        string? missing = null;
        if (WireJson.GetString(json, "model") is not { Length: > 0 })
        {
            missing = "model";
        }
        else if (!json.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            missing = "messages";
        }
        else if (anthropic && WireJson.GetInt(json, "max_tokens") is null)
        {
            missing = "max_tokens";
        }
        else if (messages.GetArrayLength() == 0)
        {
            return anthropic ? "messages: at least one message is required" : "The `messages` field must contain at least one message.";
        }
        else if (anthropic && messages[messages.GetArrayLength() - 1] is var last && WireJson.GetString(last, "role") == "assistant"
            && EmulatedContinuation.Text(last) is { Length: > 0 } prefill && char.IsWhiteSpace(prefill[^1]))
        {
            return "messages: final assistant content cannot end with trailing whitespace";
        }

        return missing is null ? null
            : anthropic ? missing + ": Field required"
            : $"The request is missing the required field `{missing}`.";
    }

    private static bool FixedTimeEquals(string actual, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));
}
