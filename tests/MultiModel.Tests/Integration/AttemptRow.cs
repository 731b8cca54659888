namespace MultiModel.Tests.Integration;

/// <summary>The part of a <see cref="ChatAttempt"/> the fault matrix compares: provider, outcome, error class, HTTP status.</summary>
internal readonly record struct AttemptRow(string Provider, ChatAttemptOutcome Outcome, ChatErrorClass ErrorClass, int? Status)
{
    public static AttemptRow From(ChatAttempt attempt) => new(attempt.ProviderName, attempt.Outcome, attempt.ErrorClass, attempt.StatusCode);
}
