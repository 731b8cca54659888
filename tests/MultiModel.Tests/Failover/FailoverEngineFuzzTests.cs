using MultiModel.Failover;
using MultiModel.Resilience;
using MultiModel.Testing;

namespace MultiModel.Tests.Failover;

/// <summary>
/// Random chains (providers that answer, answer below the threshold, fail, fail fast, cannot take the request or are
/// unhealthy; whole or streamed; with or without head buffer, attempt limit, hedging and ReturnBest) compared with a
/// plain model of the documented rules: each call must end as the model says, with the same attempts report.
/// <c>MULTIMODEL_FUZZ_SEED</c> replays a seed printed by an earlier run.
/// </summary>
[TestFixture]
[Category("Fuzz")]
[Parallelizable(ParallelScope.All)]
public class FailoverEngineFuzzTests
{
    private const int Cases = 600;

    private enum Behavior
    {
        Answers,
        AnswersCut,
        FailsTransiently,
        FailsFast,
        CannotTake,
        CircuitOpen,
    }

    [Test]
    public async Task Chains_RandomProvidersAndOptions_EndAsTheRulesSay()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MULTIMODEL_FUZZ_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        TestContext.Out.WriteLine($"Engine fuzz: {Cases} chains, seed {seed} (set MULTIMODEL_FUZZ_SEED={seed} to replay).");
        var random = new Random(seed);
        var problems = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var chain = Case.Draw(random);
            var expected = chain.Expected();
            var actual = await chain.RunAsync();
            if (expected != actual)
            {
                problems.Add($"case {i}: {chain}{Environment.NewLine}  expected {expected}{Environment.NewLine}  actual   {actual}");
            }
        }

        Assert.That(problems, Is.Empty, () => $"seed {seed}:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Take(10)));
    }

    /// <summary>One random chain and its call.</summary>
    private sealed record Case(Behavior[] Providers, bool Streaming, int HeadBuffer, int? MaxAttempts, bool ReturnBest, bool Hedging)
    {
        public static Case Draw(Random random)
        {
            var providers = new Behavior[random.Next(1, 5)];
            for (var i = 0; i < providers.Length; i++)
            {
                providers[i] = (Behavior)random.Next(Enum.GetValues<Behavior>().Length);
            }

            return new Case(
                providers,
                Streaming: random.Next(2) == 0,
                HeadBuffer: random.Next(2) == 0 ? 0 : 1000,
                MaxAttempts: random.Next(3) == 0 ? random.Next(1, providers.Length + 1) : null,
                ReturnBest: random.Next(2) == 0,
                Hedging: random.Next(3) == 0);
        }

        /// <summary>What the documented rules say the call ends with, worked out one provider after the other.</summary>
        public string Expected()
        {
            if (Providers.All(b => b == Behavior.CannotTake))
            {
                return Ended("ArgumentException", [], []);
            }

            var attempts = new List<string>();
            var calls = new List<string>();
            var started = 0;
            string? best = null;
            for (var i = 0; i < Providers.Length; i++)
            {
                var name = "p" + i;
                var behavior = Providers[i];
                if (behavior == Behavior.CannotTake || (MaxAttempts is { } max && started >= max) || behavior == Behavior.CircuitOpen)
                {
                    attempts.Add($"{name} Skipped {(behavior == Behavior.CannotTake ? "unsupported: refused" : started >= MaxAttempts ? "max-attempts" : "circuit-open")}");
                    continue;
                }

                started++;
                calls.Add(name + "×1");
                switch (behavior)
                {
                    case Behavior.Answers:
                        attempts.Add($"{name} Succeeded");
                        return Ended($"answer {name} 'ok from {name}' below=False", attempts, calls);
                    case Behavior.AnswersCut when Streaming && HeadBuffer == 0:
                        attempts.Add($"{name} BelowThreshold");
                        return Ended(ReturnBest ? $"answer {name} 'cut' below=True" : "ChatFailoverException BelowThresholdAfterContent", attempts, calls);
                    case Behavior.AnswersCut:
                        attempts.Add($"{name} BelowThreshold");
                        best ??= name;
                        break;
                    case Behavior.FailsTransiently:
                        attempts.Add($"{name} Failed");
                        break;
                    default:
                        attempts.Add($"{name} Failed");
                        return Ended("ChatFailoverException FailedFast", attempts, calls);
                }
            }

            if (ReturnBest && best is not null)
            {
                return Ended($"answer {best} 'cut' below=True", attempts, calls);
            }

            var reason = attempts.Any(a => a.EndsWith("BelowThreshold", StringComparison.Ordinal)) ? ChatFailoverReason.NoneMetThreshold
                : attempts.Any(a => !a.Contains("Skipped", StringComparison.Ordinal)) ? ChatFailoverReason.AllFailed
                : ChatFailoverReason.AllSkipped;
            return Ended($"ChatFailoverException {reason}", attempts, calls);
        }

        /// <summary>Runs the call through a real <see cref="FailoverChatClient"/> of fakes and describes how it ended.</summary>
        public async Task<string> RunAsync()
        {
            var fakes = Providers.Select(Fake).ToArray();
            var health = new Health(Providers.Select((b, i) => (b, i)).Where(p => p.b == Behavior.CircuitOpen).Select(p => "p" + p.i));
            var sut = new FailoverChatClient(fakes, new FailoverChatClientOptions
            {
                HeadBufferLength = HeadBuffer,
                MaxAttempts = MaxAttempts,
                WhenNoneMeetsThreshold = ReturnBest ? BelowThresholdBehavior.ReturnBest : BelowThresholdBehavior.Throw,
                HedgingDelay = Hedging ? TimeSpan.FromMinutes(10) : null,
                HealthSource = health,
            });
            var request = new ChatRequest("What is 2 + 2?");
            string outcome;
            IReadOnlyList<ChatAttempt> attempts;
            try
            {
                if (Streaming)
                {
                    var updates = await Some.CollectAsync(sut.GetStreamingResponseAsync(request));
                    var final = updates[^1];
                    outcome = $"answer {final.ProviderName} '{string.Concat(updates.Select(u => u.Text))}' below={final.IsBelowThreshold}";
                    attempts = final.Attempts!;
                }
                else
                {
                    var response = await sut.GetResponseAsync(request);
                    outcome = $"answer {response.ProviderName} '{response.Text}' below={response.IsBelowThreshold}";
                    attempts = response.Attempts;
                }
            }
            catch (ArgumentException)
            {
                return Ended("ArgumentException", [], [.. fakes.Where(f => f.CallCount > 0).Select(f => $"{f.Name}×{f.CallCount}")]);
            }
            catch (ChatFailoverException ex)
            {
                (outcome, attempts) = ($"ChatFailoverException {ex.Reason}", ex.Attempts);
            }

            var report = attempts.Select(a => $"{a.ProviderName} {a.Outcome}{(a.SkipReason is null ? string.Empty : " " + a.SkipReason)}").ToList();
            return Ended(outcome, report, [.. fakes.Where(f => f.CallCount > 0).Select(f => $"{f.Name}×{f.CallCount}")]);
        }

        public override string ToString() =>
            $"[{string.Join(", ", Providers)}] streaming={Streaming} headBuffer={HeadBuffer} maxAttempts={MaxAttempts} returnBest={ReturnBest} hedging={Hedging}";

        private static string Ended(string outcome, List<string> attempts, List<string> calls) =>
            $"{outcome}; attempts: {string.Join(", ", attempts)}; calls: {(calls.Count == 0 ? "none" : string.Join(", ", calls))}";

        private static FakeChatProvider Fake(Behavior behavior, int index)
        {
            var name = "p" + index;
            var fake = new FakeChatProvider(name)
            {
                DefaultStep = behavior switch
                {
                    Behavior.AnswersCut => FakeChatStep.Answer("cut", ChatFinishReason.Length),
                    Behavior.FailsTransiently => FakeChatStep.Failure(FakeChatProvider.Failure(503, providerName: name)),
                    Behavior.FailsFast => FakeChatStep.Failure(FakeChatProvider.Failure(400, providerName: name)),
                    _ => FakeChatStep.Answer("ok from " + name),
                },
            };
            if (behavior == Behavior.CannotTake)
            {
                fake.CheckRequestCallback = _ => ChatRequestSupport.Unsupported("refused");
            }

            return fake;
        }
    }

    private sealed class Health(IEnumerable<string> open) : IProviderHealthSource
    {
        private readonly HashSet<string> _open = [.. open];

        public ProviderHealth GetHealth(string providerName) => _open.Contains(providerName) ? ProviderHealth.Open() : ProviderHealth.Available;
    }
}
