namespace MultiModel;

/// <summary>The rules of <see cref="ChatRequest.Validate"/> for content parts, cache breakpoints and reasoning.</summary>
public sealed partial class ChatRequest
{
    private static bool HasMedia(ChatMessage message)
    {
        foreach (var part in message.Parts)
        {
            if (part is ChatImagePart or ChatDocumentPart)
            {
                return true;
            }
        }

        return false;
    }

    private void ValidateReasoning(string param)
    {
        if (Reasoning is not { } reasoning)
        {
            return;
        }

        if (reasoning.Effort is null && reasoning.BudgetTokens is null)
        {
            throw new ArgumentException("Reasoning needs an Effort, a BudgetTokens, or both.", param);
        }

        if (reasoning.Effort is { } effort && !Enum.IsDefined(effort))
        {
            throw new ArgumentException(Invariant($"Reasoning.Effort {effort} is not a defined effort."), param);
        }

        if (reasoning.BudgetTokens is <= 0)
        {
            throw new ArgumentException(Invariant($"Reasoning.BudgetTokens must be positive (was {reasoning.BudgetTokens})."), param);
        }
    }

    private void ValidateCacheBreakpoints(string param)
    {
        // Indexed: Messages is an interface, and foreach would box an enumerator on every validation.
        var breakpoints = CacheTools ? 1 : 0;
        for (var i = 0; i < Messages.Count; i++)
        {
            breakpoints += Messages[i].IsCacheBreakpoint ? 1 : 0;
        }

        if (breakpoints > MaxCacheBreakpoints)
        {
            throw new ArgumentException(Invariant($"At most {MaxCacheBreakpoints} cache breakpoints are allowed (got {breakpoints}, CacheTools included)."), param);
        }
    }
}
