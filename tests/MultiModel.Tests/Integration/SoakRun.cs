using System.Collections.Concurrent;
using System.Text;
using MultiModel.Failover;

namespace MultiModel.Tests.Integration;

/// <summary>Makes the streamed calls of one resumption soak run and counts how they ended; thread-safe.</summary>
/// <param name="expectedText">The text every answer must have, whoever wrote which part of it.</param>
internal sealed class SoakRun(string expectedText)
{
    private readonly ConcurrentDictionary<string, int> _endings = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _unexpected = new();
    private int _calls;
    private int _failed;
    private int _resumed;
    private int _intact;

    public int Failed => Volatile.Read(ref _failed);

    public int Resumed => Volatile.Read(ref _resumed);

    /// <summary>Gets the number of answers whose text is exactly the expected one.</summary>
    public int Intact => Volatile.Read(ref _intact);

    public int Returned => Volatile.Read(ref _calls) - Failed;

    public double FailureRate => Volatile.Read(ref _calls) == 0 ? 0 : (double)Failed / Volatile.Read(ref _calls);

    public IReadOnlyCollection<string> Unexpected => [.. _unexpected];

    /// <summary>Streams one call to the end and records how it ended.</summary>
    public async Task CallAsync(FailoverChatClient chain, TimeSpan watchdog)
    {
        Interlocked.Increment(ref _calls);
        using var timeout = new CancellationTokenSource(watchdog);
        var text = new StringBuilder();
        try
        {
            ChatResponseUpdate? final = null;
            await foreach (var update in chain.GetStreamingResponseAsync(IntegrationHarness.Request(), timeout.Token))
            {
                text.Append(update.Text);
                final = update.IsFinal ? update : final;
            }

            Count("returned" + (final!.Resumptions is { Count: > 0 } resumptions ? $" after {resumptions.Count} resumption(s)" : string.Empty));
            Interlocked.Add(ref _resumed, final.Resumptions!.Count);
            if (text.ToString() == expectedText)
            {
                Interlocked.Increment(ref _intact);
            }
            else
            {
                _unexpected.Enqueue($"answer text differs: \"{text}\"");
            }
        }
        catch (ChatFailoverException ex)
        {
            Interlocked.Increment(ref _failed);
            Count("ChatFailoverException." + ex.Reason);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failed);
            Count("unexpected");
            _unexpected.Enqueue(timeout.IsCancellationRequested ? "a call outlived the watchdog" : ex.ToString());
        }
    }

    public string Endings()
    {
        var builder = new StringBuilder();
        foreach (var (ending, count) in _endings.OrderByDescending(e => e.Value))
        {
            builder.Append("  ").Append(ending).Append(": ").Append(count).AppendLine();
        }

        return builder.ToString();
    }

    private void Count(string ending) => _endings.AddOrUpdate(ending, 1, static (_, count) => count + 1);
}
