using System.Globalization;
using MultiModel.Testing.Internal;

namespace MultiModel.Testing;

/// <summary>Represents a seeded random-fault ("chaos") mode for one API of a <see cref="ProviderEmulator"/>: a given share of its requests fail, each in a random way.</summary>
/// <remarks>
/// <para>
/// Set it on <see cref="EmulatedProvider.Chaos"/>. Every request that would take <see cref="EmulatedProvider.Default"/>
/// draws whether it fails and how, in equal shares: an error status (HTTP 500, or the provider's overload status), a
/// connection reset before the headers, or, after a random number of deltas of the answer (possibly none), a cut
/// stream, an in-stream error event, or a stall (a whole call gets a cut body, the matching error status, or no
/// answer at all). Queued behaviours are played as they are, without a draw.
/// </para>
/// <para>
/// The draws depend only on <see cref="Seed"/> and on the request's position among the requests this instance has
/// decided: the same seed and the same order of requests give the same faults. The class is thread-safe; one
/// instance may serve both APIs (they then share the positions).
/// </para>
/// </remarks>
public sealed class EmulatorChaos
{
    private int _requests;
    private int _faults;

    /// <summary>Initializes a new instance of the <see cref="EmulatorChaos"/> class.</summary>
    /// <param name="faultRate">The share of requests that fail, from 0 to 1 (for example 0.2).</param>
    /// <param name="seed">The seed of the draws.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="faultRate"/> is not between 0 and 1.</exception>
    public EmulatorChaos(double faultRate, int seed)
    {
        if (double.IsNaN(faultRate) || faultRate < 0 || faultRate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(faultRate), faultRate, "The fault rate is a share from 0 to 1.");
        }

        FaultRate = faultRate;
        Seed = seed;
    }

    /// <summary>Gets the share of requests that fail.</summary>
    public double FaultRate { get; }

    /// <summary>Gets the seed of the draws.</summary>
    public int Seed { get; }

    /// <summary>Gets the number of requests this instance has decided.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Gets the number of requests it made fail.</summary>
    public int FaultCount => Volatile.Read(ref _faults);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"EmulatorChaos {FaultRate:P0} seed {Seed}: {FaultCount} faults in {RequestCount} requests");

    /// <summary>Draws what the next request does: <paramref name="normal"/>, or a fault on the same answer text.</summary>
    internal EmulatorBehavior Decide(EmulatorBehavior normal, string defaultAnswer)
    {
        var position = Interlocked.Increment(ref _requests) - 1;
        var random = new Random(unchecked((Seed * 1_000_003) + (position * 7_919)));
        if (random.NextDouble() >= FaultRate)
        {
            return normal;
        }

        Interlocked.Increment(ref _faults);
        var text = normal.Text ?? defaultAnswer;
        var afterDeltas = random.Next(AnswerPlan.Split(text).Count);
        return random.Next(5) switch
        {
            0 => random.Next(2) == 0 ? EmulatorBehavior.Status(500) : EmulatorBehavior.Overloaded(),
            1 => EmulatorBehavior.ConnectionReset(),
            2 => EmulatorBehavior.StreamCut(afterDeltas, text),
            3 => EmulatorBehavior.StreamError(afterDeltas).WithText(text),
            _ => EmulatorBehavior.StreamStall(afterDeltas, text),
        };
    }
}
