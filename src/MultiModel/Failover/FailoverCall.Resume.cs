using MultiModel.Internal;

namespace MultiModel.Failover;

/// <summary>The stream a call relays, and after a break, the provider that continues its answer (<see cref="FailoverChatClientOptions.ResumeStreams"/>).</summary>
internal sealed partial class FailoverCall
{
    private List<ChatResumption>? _resumptions;

    /// <summary>Gets the stream whose partial answer the attempts continue, once one broke and is being resumed.</summary>
    public AttemptStream? PartialAnswer { get; private set; }

    /// <summary>Gets where the answer was continued by another provider, in order.</summary>
    public IReadOnlyList<ChatResumption> Resumptions => _resumptions ?? (IReadOnlyList<ChatResumption>)[];

    /// <summary>Picks the stream relayed to the caller: the first one, or after <paramref name="broken"/> broke, the one that continues its answer.</summary>
    /// <param name="broken">The relayed attempt whose stream broke (its failure is recorded here), or <see langword="null"/> at the start.</param>
    /// <returns>The attempt whose head may be released (and the rest of its stream relayed).</returns>
    /// <exception cref="ChatFailoverException">No stream to relay; after a break, <see cref="ChatFailoverReason.FailedAfterContent"/>.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async ValueTask<FailoverAttempt> NextStreamAsync(FailoverAttempt? broken)
    {
        try
        {
            var next = broken is null ? await RunAsync().ConfigureAwait(false) : await ResumeAsync(broken).ConfigureAwait(false);
            next.Relayed = true;
            return next;
        }
        catch (Exception ex)
        {
            Telemetry.Failed(ex);
            throw;
        }
    }

    /// <summary>Records the break and, when the answer may be resumed, runs the chain again with a request to continue it: on the providers not tried yet, then once more round the chain.</summary>
    private async ValueTask<FailoverAttempt> ResumeAsync(FailoverAttempt broken)
    {
        var (partial, text) = (broken.Stream!, broken.Stream!.Answer.Text);
        if (!RecordFailure(broken) || !CanResume(text))
        {
            throw CreateException(ChatFailoverReason.FailedAfterContent, text);
        }

        await broken.DisposeAsync().ConfigureAwait(false);
        AttemptRequest = Request.ToContinuation(text);
        RequestSupport.OfChain(Options.Name, Settings.Providers, AttemptRequest, out _refusals);
        (Best, PartialAnswer, _end) = (null, partial, _attempts.Length);
        FailoverAttempt next;
        try
        {
            next = await RunAsync().ConfigureAwait(false);
        }
        catch (ChatFailoverException)
        {
            throw CreateException(ChatFailoverReason.FailedAfterContent, text);
        }

        var resumption = new ChatResumption { Offset = text.Length, BrokenProviderName = partial.Answer.ProviderName, ProviderName = next.Stream!.Answer.ProviderName, OverlapLength = next.Stream.OverlapLength };
        (_resumptions ??= []).Add(resumption);
        Telemetry.StreamResumed(resumption);
        return next;
    }

    /// <summary>Tells whether a broken answer may be continued: resumption is on, and the answer is free text (no tools offered, whose calls the engine sees only whole, no JSON schema).</summary>
    private bool CanResume(string partialText) =>
        Options.ResumeStreams && Request.Tools.Count == 0 && Request.ResponseFormat is null && !string.IsNullOrWhiteSpace(partialText);
}
