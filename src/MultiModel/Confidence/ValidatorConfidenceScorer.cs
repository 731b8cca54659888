using System.Text.Json;
using System.Text.RegularExpressions;

namespace MultiModel.Confidence;

/// <summary>Scores an answer by a yes-or-no check: 1 when the check passes, 0 when it fails.</summary>
/// <remarks>
/// <para>
/// Build one with <see cref="Json"/>, <see cref="Regex(System.Text.RegularExpressions.Regex, bool)"/> or the
/// constructor (any predicate). By default a validator gives no opinion on the partial head of a stream, since
/// most checks (such as "parses as JSON") need the whole answer; set <c>appliesToPartialText</c> for checks that
/// a head can already fail, such as "starts with <c>{</c>".
/// </para>
/// <para>
/// Validators judge the answer text: an answer that only asks for tool calls (no text, at least one
/// <see cref="ConfidenceContext.ToolCalls"/> entry) gets no opinion.
/// </para>
/// </remarks>
public sealed class ValidatorConfidenceScorer : IConfidenceScorer
{
    private readonly Func<string, bool> _predicate;

    /// <summary>Initializes a new instance of the <see cref="ValidatorConfidenceScorer"/> class from a predicate on the answer text.</summary>
    /// <param name="name">A short name for the check; the opinions' source is <c>validator:</c> followed by it.</param>
    /// <param name="predicate">Returns <see langword="true"/> when the text passes. It must be thread-safe.</param>
    /// <param name="appliesToPartialText">Whether to also judge the head of a stream.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is <see langword="null"/>.</exception>
    public ValidatorConfidenceScorer(string name, Func<string, bool> predicate, bool appliesToPartialText = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(predicate);
        Source = "validator:" + name;
        _predicate = predicate;
        AppliesToPartialText = appliesToPartialText;
    }

    /// <summary>Gets the <see cref="ConfidenceOpinion.Source"/> of this validator's opinions.</summary>
    public string Source { get; }

    /// <summary>Gets a value indicating whether the validator also judges the head of a stream.</summary>
    public bool AppliesToPartialText { get; }

    /// <summary>Creates a validator that passes when the whole answer, trimmed, is one valid JSON value.</summary>
    /// <returns>A validator named <c>json</c>.</returns>
    public static ValidatorConfidenceScorer Json() => new("json", IsJson);

    /// <summary>Creates a validator that passes when the whole answer is JSON matching a schema (a documented subset of JSON Schema).</summary>
    /// <param name="schema">The JSON schema; it is copied.</param>
    /// <returns>A validator named <c>json-schema</c>.</returns>
    /// <remarks>
    /// <para>
    /// Checked keywords: <c>type</c> (<c>string</c>, <c>number</c>, <c>integer</c>, <c>boolean</c>, <c>array</c>,
    /// <c>object</c>, <c>null</c>, or a list of them), <c>properties</c>, <c>required</c>, <c>additionalProperties</c>
    /// (<c>false</c>, <c>true</c> or a schema), <c>items</c>, <c>enum</c>, <c>const</c> and <c>anyOf</c>. Other keywords
    /// (<c>$ref</c>, <c>pattern</c>, <c>minimum</c>, <c>format</c>, …) are ignored, so a valid answer is never rejected.
    /// </para>
    /// <para>
    /// A request with <see cref="ChatRequest.ResponseFormat"/> needs no validator: <see cref="StructuralConfidenceScorer"/>
    /// already checks the answer against the request's schema. Use this one for a schema asked for in the prompt only.
    /// </para>
    /// </remarks>
    public static ValidatorConfidenceScorer JsonSchema(JsonElement schema)
    {
        var copy = schema.Clone();
        return new ValidatorConfidenceScorer("json-schema", text => JsonSchemaSubset.ValidateText(copy, text) is null);
    }

    /// <summary>Creates a validator that passes when the answer matches a regular expression.</summary>
    /// <param name="regex">The expression; give it a match timeout when it can backtrack.</param>
    /// <param name="appliesToPartialText">Whether to also judge the head of a stream (for example an expression anchored at the start).</param>
    /// <returns>A validator named <c>regex</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="regex"/> is <see langword="null"/>.</exception>
    public static ValidatorConfidenceScorer Regex(Regex regex, bool appliesToPartialText = false)
    {
        ArgumentNullException.ThrowIfNull(regex);
        return new ValidatorConfidenceScorer("regex", regex.IsMatch, appliesToPartialText);
    }

    /// <inheritdoc/>
    public ValueTask<ConfidenceOpinion?> ScoreAsync(ConfidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if ((context.IsPartial && !AppliesToPartialText) || (context.ToolCalls.Count > 0 && string.IsNullOrWhiteSpace(context.Text)))
        {
            return ValueTask.FromResult<ConfidenceOpinion?>(null);
        }

        var opinion = _predicate(context.Text)
            ? new ConfidenceOpinion(Source, 1, "passed")
            : new ConfidenceOpinion(Source, 0, "failed");
        return ValueTask.FromResult<ConfidenceOpinion?>(opinion);
    }

    private static bool IsJson(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text.Trim());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
