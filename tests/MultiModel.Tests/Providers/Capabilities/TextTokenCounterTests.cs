using System.Text;
using Microsoft.ML.Tokenizers;
using MultiModel.Providers.Capabilities;
using MultiModel.Tests.Readme;
using MultiModel.Tests.TestSupport;

namespace MultiModel.Tests.Providers.Capabilities;

/// <summary>Measures the token estimate against two real tokenizers (o200k and cl100k), the bound the documentation states.</summary>
[Parallelizable(ParallelScope.All)]
public class TextTokenCounterTests
{
    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    private static IEnumerable<TestCaseData> Corpora()
    {
        yield return Corpus("readme", () => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")));
        yield return Corpus("csharp", () => Concat(Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))));
        yield return Corpus("telemetry-log", () => TelemetryText.Log(3000));
        yield return Corpus("telemetry-csv", () => TelemetryText.Csv(3000));
        yield return Corpus("german", () => string.Concat(Enumerable.Repeat("Die Telemetrie zeigt eine Überhitzung der Batterie B während des Durchgangs über die Südatlantische Anomalie. Bitte prüfen Sie die Stromversorgung. ", 100)));
        yield return Corpus("japanese", () => string.Concat(Enumerable.Repeat("テレメトリはバッテリーBの過熱を示しています。電源系統を確認し、報告してください。", 200)));
        yield return Corpus("uuids", () => string.Join('\n', Enumerable.Range(0, 2000).Select(i => new Guid(Seeded(i, 16)).ToString())));
        yield return Corpus("base64", () => Convert.ToBase64String(Seeded(1, 30000)));
        yield return Corpus("json", () => """{"type":"object","properties":{"status":{"enum":["NOMINAL","CAUTION","CRITICAL"]},"anomalies":{"type":"array","items":{"type":"string"}}},"required":["status","anomalies"]}""");
    }

    [TestCaseSource(nameof(Corpora))]
    public void Count_RealText_OverCountsLessThanTenPercent(Func<string> corpus)
    {
        var text = corpus();

        var estimate = TextTokenCounter.Count(text);
        var fewest = Math.Min(O200k.Value.CountTokens(text), Cl100k.Value.CountTokens(text));

        Assert.That(estimate, Is.LessThan(fewest * 1.10), $"estimate {estimate}, tokenizers at least {fewest}");
    }

    [TestCase("telemetry-log")]
    [TestCase("telemetry-csv")]
    public void Count_Telemetry_WithinFivePercentOfTheTokenizers(string name)
    {
        var text = name == "telemetry-log" ? TelemetryText.Log(3000) : TelemetryText.Csv(3000);

        var estimate = TextTokenCounter.Count(text);
        var o200k = O200k.Value.CountTokens(text);

        Assert.That(estimate, Is.InRange(o200k * 0.95, o200k * 1.05), $"estimate {estimate}, o200k {o200k}");
    }

    [Test]
    public void Count_Utf8AndUtf16OfTheSameText_Agree()
    {
        var text = "Überhitzung: battery_b_temp=31.4 °C, テレメトリ {\"a\":[1,2,3]}";

        Assert.That(TextTokenCounter.Count(Encoding.UTF8.GetBytes(text)), Is.EqualTo(TextTokenCounter.Count(text)));
    }

    [Test]
    public void Count_HugeText_SampledWithinThreePercentOfAFullCount()
    {
        var log = TelemetryText.Log(20_000);
        Assert.That(log, Has.Length.GreaterThan(TextTokenCounter.FullScanLength * 10));

        var sampled = TextTokenCounter.Count(log);
        var full = Enumerable.Range(0, (log.Length + TextTokenCounter.FullScanLength - 1) / TextTokenCounter.FullScanLength)
            .Sum(i => TextTokenCounter.Count(log.AsSpan(i * TextTokenCounter.FullScanLength, Math.Min(TextTokenCounter.FullScanLength, log.Length - (i * TextTokenCounter.FullScanLength)))));

        Assert.That(sampled, Is.InRange(full * 0.97, full * 1.03), $"sampled {sampled}, full {full}");
    }

    [TestCase("", 0)]
    [TestCase("hello", 1)]
    [TestCase("hello world", 2)]
    [TestCase("1234567", 3)]
    [TestCase("a\n\nb", 3)]
    [TestCase("internationalization", 3)]
    [TestCase("x    = 1;", 4)]
    public void Count_SmallTexts_FollowTheRunRules(string text, int tokens)
    {
        Assert.That(TextTokenCounter.Count(text), Is.EqualTo(tokens));
    }

    private static TestCaseData Corpus(string name, Func<string> text) => new TestCaseData(text).SetArgDisplayNames(name);

    private static string Concat(IEnumerable<string> files)
    {
        var text = new StringBuilder();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            text.Append(File.ReadAllText(file)).Append('\n');
        }

        return text.ToString();
    }

    private static byte[] Seeded(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
