namespace MultiModel.Redis.Internal;

/// <summary>One limit's local allowance; read and changed under the budget's lock.</summary>
internal sealed class LeasedAllowance(string name, int limit, TimeSpan life)
{
    public string Name { get; } = name;

    public int Limit { get; } = limit;

    public TimeSpan Life { get; } = life;

    /// <summary>Gets or sets the sequence number of the current lease (its id is <c>{replica}:{sequence}</c>), 0 for none.</summary>
    public long LeaseSequence { get; set; }

    public long Granted { get; set; }

    /// <summary>Gets or sets what is left to spend of the current lease; negative for a debt.</summary>
    public long Remaining { get; set; }

    public long Expires { get; set; }

    public long SpentInLastLease { get; set; }

    public long LargestDemand { get; set; } = 1;

    public int Replicas { get; set; } = 1;

    public bool Renewing { get; set; }

    public bool Exhausted { get; set; }

    /// <summary>Gets or sets a value indicating whether a call was refused since the last lease: demand outran the allowance.</summary>
    public bool Refused { get; set; }

    public long Leases { get; set; }

    public long Available(long now) => LeaseSequence != 0 && now < Expires ? Remaining : Math.Min(Remaining, 0);

    public TimeSpan TimeLeft(long now, TimeProvider timeProvider) =>
        now >= Expires ? TimeSpan.Zero : TimeSpan.FromSeconds((Expires - now) / (double)timeProvider.TimestampFrequency);

    public void Spend(long amount) => Remaining -= amount;

    /// <summary>
    /// Gets how much to lease: a tenth of the limit (or one call's worth, if larger) for the first lease and after a
    /// refusal; otherwise twice what the last or the current lease saw spent, at least one call's worth, so that a
    /// busy replica keeps enough and an idle one holds little.
    /// </summary>
    public long Ask()
    {
        var most = Math.Max((long)Math.Ceiling(Limit / 10.0), LargestDemand);
        var spent = Math.Max(SpentInLastLease, Granted - Remaining);
        return Leases == 0 || Refused ? most : Math.Clamp(Math.Max(spent * 2, LargestDemand), 1, most);
    }
}
