using System.IO.Hashing;
using System.Text;

namespace Dossier.Core;

/// <summary>Content hashes used as article ids and for exact-duplicate checks.</summary>
public static class ContentHash
{
    /// <summary>16 lower-case hex digits of XxHash3 over the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        return Of(bytes);
    }

    public static string Of(ReadOnlySpan<byte> bytes) => XxHash3.HashToUInt64(bytes).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    public static ulong Hash64(ReadOnlySpan<char> text) =>
        XxHash3.HashToUInt64(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text));
}
