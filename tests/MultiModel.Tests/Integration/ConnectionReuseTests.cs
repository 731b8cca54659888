namespace MultiModel.Tests.Integration;

[Parallelizable(ParallelScope.All)]
public class ConnectionReuseTests
{
    private const int Calls = 50;

    [TestCase(Primary.Grok, Wire.Json)]
    [TestCase(Primary.Grok, Wire.Stream)]
    [TestCase(Primary.Claude, Wire.Json)]
    [TestCase(Primary.Claude, Wire.Stream)]
    public async Task Call_FiftySequentialCalls_ReuseFewConnections(Primary primary, Wire wire)
    {
        await using var harness = await IntegrationHarness.StartAsync(primary);

        for (var i = 0; i < Calls; i++)
        {
            var answer = await harness.CallAsync(wire);
            Assert.That(answer.ProviderName, Is.EqualTo(harness.PrimaryName));
        }

        Assert.Multiple(() =>
        {
            Assert.That(harness.PrimaryEndpoint.RequestCount, Is.EqualTo(Calls));
            Assert.That(harness.Emulator.TotalConnections, Is.LessThanOrEqualTo(2));
            Assert.That(harness.PrimaryEndpoint.Requests.Select(r => r.ConnectionId).Distinct().Count(), Is.LessThanOrEqualTo(2));
        });
    }

    [Test]
    public async Task Call_AlternatingProvidersAndWires_KeepsOneConnectionPerProvider()
    {
        await using var harness = await IntegrationHarness.StartAsync(Primary.Grok);

        for (var i = 0; i < Calls; i++)
        {
            var chain = i % 2 == 0 ? harness.Chain : harness.Reverse;
            await IntegrationHarness.CallAsync(chain, i % 4 < 2 ? Wire.Json : Wire.Stream);
        }

        Assert.Multiple(() =>
        {
            Assert.That(harness.Emulator.RequestCount, Is.EqualTo(Calls));
            Assert.That(harness.Emulator.TotalConnections, Is.LessThanOrEqualTo(2 * 2));
        });
    }
}
