using System.Security.Cryptography;

namespace MultiModel.Testing.Internal;

/// <summary>Makes identifiers shaped like the real ones (<c>msg_011C…</c>, <c>req_011C…</c>, UUIDs).</summary>
internal static class WireIds
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string AnthropicMessageId() => "msg_011C" + RandomBase62(20);

    public static string AnthropicRequestId() => "req_011C" + RandomBase62(20);

    public static string Uuid() => Guid.NewGuid().ToString("D");

    private static string RandomBase62(int length) => RandomNumberGenerator.GetString(Base62, length);
}
