namespace MultiModel.Redis.Internal;

/// <summary>What a renewal asks Redis for, and the allowance's state when it asked.</summary>
/// <param name="Sequence">The new lease's sequence number.</param>
/// <param name="Amount">The amount asked.</param>
/// <param name="Returned">The sequence number of the lease given back, 0 for none.</param>
/// <param name="ReturnedSpent">What was spent of the lease given back.</param>
/// <param name="RemainingAtRequest">The allowance left when the request left.</param>
/// <param name="SentAt">When the request left (the new lease may be spent until then plus its life).</param>
internal readonly record struct LeaseRequest(long Sequence, long Amount, long Returned, long ReturnedSpent, long RemainingAtRequest, long SentAt);
