using System.Text;
using MultiModel.Resilience;

namespace MultiModel.Tests.Resilience;

[Parallelizable(ParallelScope.All)]
public class ProviderIdentityTests
{
    private const string ApiKey = "sk-ant-api03-secret-key-value";
    private static readonly Uri Endpoint = new("https://api.anthropic.com");

    [Test]
    public void Create_SameEndpointModelAndKey_SameIdentityAndKey()
    {
        var a = ProviderIdentity.Create(Endpoint, "claude-sonnet-4-5", ApiKey);
        var b = ProviderIdentity.Create(new Uri("https://api.anthropic.com/"), "claude-sonnet-4-5", ApiKey);

        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a.ToKey([]), Is.EqualTo(b.ToKey([])));
    }

    [TestCase("https://api.anthropic.com", "claude-sonnet-4-5", "another-key")]
    [TestCase("https://api.anthropic.com", "claude-opus-4-1", ApiKey)]
    [TestCase("https://gateway.example/anthropic", "claude-sonnet-4-5", ApiKey)]
    public void Create_AnyPartDiffers_DifferentIdentity(string endpoint, string model, string key)
    {
        var reference = ProviderIdentity.Create(Endpoint, "claude-sonnet-4-5", ApiKey);

        var other = ProviderIdentity.Create(new Uri(endpoint), model, key);

        Assert.That(other, Is.Not.EqualTo(reference));
        Assert.That(other.ToKey([]), Is.Not.EqualTo(reference.ToKey([])));
    }

    [Test]
    public void ToKey_WithSecret_IsAnHmacThatDiffersPerSecret()
    {
        var identity = ProviderIdentity.Create(Endpoint, "claude-sonnet-4-5", ApiKey);

        var plain = identity.ToKey([]);
        var one = identity.ToKey(Encoding.UTF8.GetBytes("deployment-secret-one"));
        var two = identity.ToKey(Encoding.UTF8.GetBytes("deployment-secret-two"));

        Assert.That(new[] { plain, one, two }, Is.Unique);
        Assert.That(new[] { plain, one, two }, Has.All.Length.EqualTo(ProviderIdentity.KeyLength).And.All.Match("^[0-9a-f]+$"));
    }

    [Test]
    public void ToStringAndKeys_NeverShowTheKeyOrWhatItIsMadeOf()
    {
        var identity = ProviderIdentity.Create(Endpoint, "claude-sonnet-4-5", ApiKey);

        var shown = string.Join("|", identity.ToString(), identity.ToKey([]), identity.ToKey("s"u8));

        Assert.That(shown, Does.Not.Contain(ApiKey).And.Not.Contain("secret").And.Not.Contain("anthropic").And.Not.Contain("claude"));
    }
}
