using System.Collections.Concurrent;
using System.Text;

namespace MultiModel.Tests.Integration;

/// <summary>Counts how soak calls ended; thread-safe. Anything that is not a documented ending is kept for the report.</summary>
internal sealed class SoakTally
{
    private readonly ConcurrentDictionary<string, int> _endings = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _unexpected = new();
    private int _total;

    public int Total => Volatile.Read(ref _total);

    public int Count(string ending) => _endings.TryGetValue(ending, out var count) ? count : 0;

    public IReadOnlyCollection<string> Unexpected => [.. _unexpected];

    /// <summary>Records a call that returned an answer.</summary>
    public void Returned() => Add("returned");

    /// <summary>Records what a call threw: documented exception types are counted, anything else is kept as unexpected.</summary>
    public void Threw(Exception exception, bool callerCancelled, int callIndex)
    {
        switch (exception)
        {
            case ChatFailoverException failover:
                Add("ChatFailoverException." + failover.Reason);
                break;
            case OperationCanceledException when callerCancelled:
                Add("OperationCanceledException");
                break;
            case ChatProviderException:
                Add("ChatProviderException");
                break;
            case ArgumentException:
                Add("ArgumentException");
                break;
            default:
                Add("unexpected");
                _unexpected.Enqueue($"call {callIndex} (caller cancelled: {callerCancelled}): {exception}");
                break;
        }
    }

    /// <summary>Records a call that neither returned nor threw within the watchdog's time.</summary>
    public void Hung(int callIndex)
    {
        Add("hung");
        _unexpected.Enqueue($"call {callIndex} did not end within the watchdog's time");
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var (ending, count) in _endings.OrderByDescending(e => e.Value))
        {
            builder.Append("  ").Append(ending).Append(": ").Append(count).AppendLine();
        }

        return builder.ToString();
    }

    private void Add(string ending)
    {
        _endings.AddOrUpdate(ending, 1, static (_, count) => count + 1);
        Interlocked.Increment(ref _total);
    }
}
