
namespace MultiModel.Samples.ConsoleApp;

/// <summary>Asks the failover chain to analyse one telemetry file and prints the answer and every attempt.</summary>
internal static class TelemetryAnalysis
{
    public static async Task<int> RunAsync(IChatProvider chain, string path, AnalysisOptions options, bool stream, TextWriter output, CancellationToken cancellationToken)
    {
        var telemetry = await File.ReadAllTextAsync(path, cancellationToken);
        var request = TelemetryPrompt.Create(Path.GetFileName(path), telemetry, options.MaxOutputTokens);
        output.WriteLine($"Analysing {Path.GetFileName(path)} ({telemetry.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1} samples)...");
        output.WriteLine();

        try
        {
            var (provider, model, confidence, attempts) = stream
                ? await StreamAsync(chain, request, output, cancellationToken)
                : await AnswerAsync(chain, request, output, cancellationToken);

            output.WriteLine();
            output.WriteLine($"Answered by: {provider} ({model ?? "unknown model"})");
            if (confidence is not null)
            {
                output.WriteLine($"Confidence:  {confidence.Value:0.00} (threshold {confidence.Threshold:0.00}; {string.Join(", ", confidence.Opinions)})");
            }

            AttemptsTable.Write(output, attempts);
            return ExitCodes.Success;
        }
        catch (ChatFailoverException ex)
        {
            if (ex.PartialText is not null)
            {
                output.WriteLine();
                output.WriteLine("[the answer above is incomplete or was rejected; do not act on it]");
            }

            output.WriteLine();
            output.WriteLine($"MANUAL INTERVENTION REQUIRED: no provider gave an acceptable analysis ({ex.Reason}).");
            AttemptsTable.Write(output, ex.Attempts);
            return ExitCodes.ManualInterventionRequired;
        }
    }

    private static async Task<(string, string?, ConfidenceScore?, IReadOnlyList<ChatAttempt>)> AnswerAsync(
        IChatProvider chain, ChatRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        var response = await chain.GetResponseAsync(request, cancellationToken);
        output.WriteLine(response.Text);
        return (response.ProviderName, response.ModelId, response.Confidence, response.Attempts);
    }

    private static async Task<(string, string?, ConfidenceScore?, IReadOnlyList<ChatAttempt>)> StreamAsync(
        IChatProvider chain, ChatRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        ChatResponseUpdate? last = null;
        string? model = null;
        await foreach (var update in chain.GetStreamingResponseAsync(request, cancellationToken))
        {
            output.Write(update.Text);
            await output.FlushAsync(cancellationToken);
            model ??= update.ModelId;
            last = update;
        }

        output.WriteLine();
        return (last?.ProviderName ?? "?", model, last?.Confidence, last?.Attempts ?? []);
    }
}
