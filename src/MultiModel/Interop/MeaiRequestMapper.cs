using Microsoft.Extensions.AI;
using AI = Microsoft.Extensions.AI;

namespace MultiModel.Interop;

/// <summary>Maps requests between Microsoft.Extensions.AI (messages + <see cref="ChatOptions"/>) and <see cref="ChatRequest"/>, both ways.</summary>
internal static class MeaiRequestMapper
{
    /// <summary>Builds a request from MEAI messages and options.</summary>
    /// <exception cref="NotSupportedException">A message holds media other than images and documents, a tool is not a function declaration, or the reasoning effort is <see cref="ReasoningEffort.ExtraHigh"/>.</exception>
    /// <exception cref="ArgumentException">A tool, an image, a document or the response schema is not valid for <see cref="ChatRequest"/>.</exception>
    public static ChatRequest ToRequest(IEnumerable<AI.ChatMessage> messages, ChatOptions? options)
    {
        var request = new ChatRequest();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            request.Messages.Add(ChatMessage.FromSystem(options.Instructions));
        }

        foreach (var message in messages)
        {
            AddMessage(request, message);
        }

        if (options is null)
        {
            return request;
        }

        request.ModelId = options.ModelId;
        request.MaxOutputTokens = options.MaxOutputTokens;
        request.Reasoning = options.Reasoning?.Effort switch
        {
            null or ReasoningEffort.None => null,
            ReasoningEffort.Low => new ChatReasoningOptions { Effort = ChatReasoningEffort.Low },
            ReasoningEffort.Medium => new ChatReasoningOptions { Effort = ChatReasoningEffort.Medium },
            ReasoningEffort.High => new ChatReasoningOptions { Effort = ChatReasoningEffort.High },
            var effort => throw new NotSupportedException($"Reasoning effort {effort} is not supported; use Low, Medium or High."),
        };
        request.Temperature = options.Temperature;
        request.TopP = options.TopP;
        foreach (var stop in options.StopSequences ?? [])
        {
            request.StopSequences.Add(stop);
        }

        foreach (var tool in options.Tools ?? [])
        {
            request.Tools.Add(tool is AIFunctionDeclaration function
                ? new ChatToolDefinition(function.Name, string.IsNullOrEmpty(function.Description) ? null : function.Description, function.JsonSchema)
                : throw new NotSupportedException($"Tool '{tool.Name}' ({tool.GetType().Name}) is not a function; only function tools are supported."));
        }

        request.ToolChoice = options.ToolMode switch
        {
            NoneChatToolMode => ChatToolChoice.None,
            RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.Specific(name),
            RequiredChatToolMode => ChatToolChoice.Required,
            AutoChatToolMode => ChatToolChoice.Auto,
            _ => null,
        };

        if (options.ResponseFormat is ChatResponseFormatJson { Schema: { } schema } json)
        {
            request.ResponseFormat = MultiModel.ChatResponseFormat.ForJsonSchema(schema, SafeName(json.SchemaName), json.SchemaDescription);
        }

        return request;
    }

    /// <summary>Builds MEAI messages and options from a request.</summary>
    /// <remarks>Cache breakpoints have no MEAI counterpart and are not passed on; a client behind the interface caches as it does.</remarks>
    public static (List<AI.ChatMessage> Messages, ChatOptions Options) FromRequest(ChatRequest request)
    {
        var messages = new List<AI.ChatMessage>(request.Messages.Count);
        foreach (var message in request.Messages)
        {
            messages.Add(message.Role switch
            {
                ChatRole.System => new AI.ChatMessage(AI.ChatRole.System, message.Text),
                ChatRole.User when message.Parts.Count > 0 => new AI.ChatMessage(AI.ChatRole.User, [.. message.Parts.Select(MeaiContentMapper.ToContent)]),
                ChatRole.User => new AI.ChatMessage(AI.ChatRole.User, message.Text),
                ChatRole.Tool => new AI.ChatMessage(AI.ChatRole.Tool, [ToResultContent(message)]),
                _ => new AI.ChatMessage(AI.ChatRole.Assistant, AssistantContents(message)),
            });
        }

        var options = new ChatOptions
        {
            ModelId = request.ModelId,
            MaxOutputTokens = request.MaxOutputTokens,
            Temperature = (float?)request.Temperature,
            TopP = (float?)request.TopP,
            StopSequences = request.StopSequences.Count == 0 ? null : [.. request.StopSequences],
            Tools = request.Tools.Count == 0 ? null : [.. request.Tools.Select(static tool => (AITool)AIFunctionFactory.CreateDeclaration(tool.Name, tool.Description, tool.ParametersSchema))],
            ToolMode = request.ToolChoice?.Kind switch
            {
                ChatToolChoiceKind.Auto => ChatToolMode.Auto,
                ChatToolChoiceKind.None => ChatToolMode.None,
                ChatToolChoiceKind.Required => ChatToolMode.RequireAny,
                ChatToolChoiceKind.Specific => ChatToolMode.RequireSpecific(request.ToolChoice.ToolName!),
                _ => null,
            },
            ResponseFormat = request.ResponseFormat is { } format
                ? AI.ChatResponseFormat.ForJsonSchema(format.Schema, format.SchemaName, format.SchemaDescription)
                : null,
            Reasoning = request.Reasoning is { } reasoning
                ? new ReasoningOptions { Effort = reasoning.ResolvedEffort switch
                {
                    ChatReasoningEffort.Low => ReasoningEffort.Low,
                    ChatReasoningEffort.Medium => ReasoningEffort.Medium,
                    _ => ReasoningEffort.High,
                } }
                : null,
        };
        return (messages, options);
    }

    private static void AddMessage(ChatRequest request, AI.ChatMessage message)
    {
        var text = new System.Text.StringBuilder();
        var parts = new List<ChatContentPart>();
        var rich = false;
        List<ChatToolCall>? calls = null;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent textContent:
                    text.Append(textContent.Text);
                    parts.Add(ChatContentPart.FromText(textContent.Text));
                    break;
                case TextReasoningContent reasoning:
                    parts.Add(MeaiContentMapper.ToReasoningPart(reasoning));
                    rich = true;
                    break;
                case FunctionCallContent call:
                    (calls ??= []).Add(new ChatToolCall(call.CallId, call.Name, MeaiJson.ToJsonObject(call.Arguments)));
                    break;
                case FunctionResultContent result:
                    request.Messages.Add(ChatMessage.FromToolResult(result.CallId, MeaiJson.ToText(result.Result), isError: result.Exception is not null));
                    break;
                default:
                    if (MeaiContentMapper.ToMediaPart(content) is { } media)
                    {
                        parts.Add(media);
                        rich = true;
                    }

                    break;
            }
        }

        var role = ToRole(message.Role);
        if (rich)
        {
            request.Messages.Add(role switch
            {
                ChatRole.Assistant => ChatMessage.FromAssistant(parts, calls),
                ChatRole.User => ChatMessage.FromUser([.. parts]),
                _ => throw new NotSupportedException($"A {message.Role} message holds images, documents or reasoning; only user messages take images and documents, only assistant messages reasoning."),
            });
        }
        else if (calls is not null)
        {
            request.Messages.Add(ChatMessage.FromToolCalls(calls, text.ToString()));
        }
        else if (text.Length > 0)
        {
            request.Messages.Add(new ChatMessage(role, text.ToString()));
        }
    }

    private static ChatRole ToRole(AI.ChatRole role) =>
        role == AI.ChatRole.System ? ChatRole.System
        : role == AI.ChatRole.Assistant ? ChatRole.Assistant
        : ChatRole.User;

    private static List<AIContent> AssistantContents(ChatMessage message)
    {
        var contents = new List<AIContent>(message.ToolCalls.Count + Math.Max(1, message.Parts.Count));
        if (message.Parts.Count > 0)
        {
            contents.AddRange(message.Parts.Select(MeaiContentMapper.ToContent));
        }
        else if (message.Text.Length > 0)
        {
            contents.Add(new TextContent(message.Text));
        }

        foreach (var call in message.ToolCalls)
        {
            contents.Add(new FunctionCallContent(call.Id, call.Name, MeaiJson.ToDictionary(call.Arguments)) { RawRepresentation = call });
        }

        return contents;
    }

    /// <summary>Creates a function result; a failed tool's result also carries an exception, MEAI's only failure signal.</summary>
    private static FunctionResultContent ToResultContent(ChatMessage message) => new(message.ToolCallId!, message.Text)
    {
        Exception = message.IsToolError ? new InvalidOperationException(message.Text) : null,
    };

    /// <summary>Keeps a schema name our rules accept: other characters become <c>_</c>, and it is cut at 64 characters.</summary>
    private static string? SafeName(string? name)
    {
        if (string.IsNullOrEmpty(name) || ChatToolDefinition.IsValidName(name))
        {
            return string.IsNullOrEmpty(name) ? null : name;
        }

        var chars = name.Take(ChatToolDefinition.MaxNameLength).Select(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        return string.Concat(chars);
    }
}
