namespace MultiModel.Internal;

/// <summary>The rules every provider's base address follows: absolute http(s), and plain HTTP only to loopback unless allowed.</summary>
internal static class BaseUrlRules
{
    /// <summary>Checks a provider's <c>BaseUrl</c>; returns it when it is an absolute http(s) address (other rules may still have failed).</summary>
    public static Uri? Check(OptionProblems problems, Uri? baseUrl, bool allowInsecureHttp)
    {
        if (!problems.Require(baseUrl is not null, "BaseUrl", "is required.")
            || !problems.Require(
                baseUrl!.IsAbsoluteUri && (baseUrl.Scheme == Uri.UriSchemeHttps || baseUrl.Scheme == Uri.UriSchemeHttp),
                "BaseUrl",
                $"must be an absolute http or https address (was '{ErrorText.Address(baseUrl)}')."))
        {
            return null;
        }

        // API keys travel only over HTTPS or loopback unless the owner says otherwise.
        problems.Require(
            baseUrl.Scheme == Uri.UriSchemeHttps || baseUrl.IsLoopback || allowInsecureHttp,
            "BaseUrl",
            $"uses plain HTTP on a non-loopback host ({baseUrl.Host}); use HTTPS or set AllowInsecureHttp.");
        return baseUrl;
    }
}
