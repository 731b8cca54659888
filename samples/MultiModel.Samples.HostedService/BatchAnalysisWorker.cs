using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MultiModel.Samples.HostedService;

/// <summary>Reads telemetry batches from the channel and asks the failover chain to analyse each one.</summary>
/// <remarks>The host's stopping token flows into the chat call, so Ctrl+C cancels an analysis in flight.</remarks>
internal sealed class BatchAnalysisWorker(
    ChannelReader<TelemetryBatch> reader,
    IChatProvider chain,
    IHostApplicationLifetime lifetime,
    IOptions<MonitorOptions> options,
    ILogger<BatchAnalysisWorker> logger) : BackgroundService
{
    private const string Instructions = """
        You are a spacecraft operations analyst. The user sends one batch of telemetry as CSV lines
        (utc, subsystem, channel, value, unit, limit_low, limit_high). Answer with a first line
        "STATUS: NOMINAL", "STATUS: CAUTION" or "STATUS: CRITICAL", then one or two sentences.
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var scope = options.Value.Replica is { } replica ? logger.BeginScope("replica {Replica}", replica) : null;
        var analysed = 0;
        await foreach (var batch in reader.ReadAllAsync(stoppingToken))
        {
            if (!await AnalyseAsync(batch, stoppingToken))
            {
                return;
            }

            analysed++;
        }

        if (options.Value.Batches > 0)
        {
            logger.AllBatchesDone(analysed);
            lifetime.StopApplication();
        }
    }

    private async Task<bool> AnalyseAsync(TelemetryBatch batch, CancellationToken stoppingToken)
    {
        var request = new ChatRequest([ChatMessage.FromSystem(Instructions), ChatMessage.FromUser(string.Join('\n', batch.Lines))])
        {
            MaxOutputTokens = 256,
        };
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await chain.GetResponseAsync(request, stoppingToken);
            LogFailedAttempts(batch.Number, response.Attempts);
            var status = response.Text.Split('\n', 2)[0].Trim();
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var confidence = response.Confidence?.Value ?? double.NaN;
            logger.BatchAnalysed(batch.Number, status, response.ProviderName, response.ModelId, elapsedMs, confidence, response.Attempts.Count);
        }
        catch (ChatFailoverException ex)
        {
            LogFailedAttempts(batch.Number, ex.Attempts);
            logger.ManualInterventionRequired(batch.Number, ex.Reason, ex.Attempts.Count);
            Environment.ExitCode = 2;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.BatchCancelled(batch.Number);
            return false;
        }

        return true;
    }

    private void LogFailedAttempts(int batchNumber, IReadOnlyList<ChatAttempt> attempts)
    {
        foreach (var attempt in attempts)
        {
            if (attempt.Outcome != ChatAttemptOutcome.Succeeded)
            {
                var durationMs = (long)attempt.Duration.TotalMilliseconds;
                logger.AttemptFailed(batchNumber, attempt.Index, attempt.ProviderName, attempt.Outcome, attempt.ErrorClass, attempt.StatusCode, durationMs);
            }
        }
    }
}
