namespace MultiModel.Benchmarks.Infrastructure;

/// <summary>Consumes streams the way a caller would, without keeping the text (so only the client's own memory is measured).</summary>
internal static class Updates
{
    public static async Task<int> CountAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var count = 0;
        await foreach (var update in updates.ConfigureAwait(false))
        {
            if (update.Text is { Length: > 0 })
            {
                count++;
            }
        }

        return count;
    }

    public static async Task<int> CountAsync(IAsyncEnumerable<string> deltas)
    {
        var count = 0;
        await foreach (var delta in deltas.ConfigureAwait(false))
        {
            if (delta.Length > 0)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Returns the first update that carries text and stops the stream there.</summary>
    public static async Task<string> FirstAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        await foreach (var update in updates.ConfigureAwait(false))
        {
            if (update.Text is { Length: > 0 } text)
            {
                return text;
            }
        }

        throw new InvalidOperationException("The stream had no text.");
    }

    public static async Task<string> FirstAsync(IAsyncEnumerable<string> deltas)
    {
        await foreach (var delta in deltas.ConfigureAwait(false))
        {
            if (delta.Length > 0)
            {
                return delta;
            }
        }

        throw new InvalidOperationException("The stream had no text.");
    }
}
