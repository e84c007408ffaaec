using System.Text;

namespace Dossier.Reading;

/// <summary>
/// Expands paths (files, folders recursively, globs, "-" for standard input) and loads each input as strictly
/// decoded UTF-8, rejecting unreadable, empty, oversized, binary and invalid UTF-8 inputs with a typed reason.
/// </summary>
public static class InputLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Expands user paths into concrete inputs, in a stable order. Unreadable paths come back as rejections.</summary>
    public static IEnumerable<(string Path, Rejection? Rejection)> Expand(IEnumerable<string> paths, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= ReadOptions.Default;
        foreach (var p in paths)
        {
            if (p == "-")
            {
                yield return ("-", null);
            }
            else if (Directory.Exists(p))
            {
                foreach (var f in Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var name = Path.GetFileName(f);
                    if (name.StartsWith('.') || options.IgnoredExtensions.Contains(Path.GetExtension(f)))
                    {
                        continue;
                    }

                    yield return (f, null);
                }
            }
            else if (File.Exists(p))
            {
                yield return (p, null);
            }
            else if (p.IndexOfAny(['*', '?']) >= 0)
            {
                var matches = Glob(p).ToList();
                if (matches.Count == 0)
                {
                    yield return (p, new Rejection(p, RejectionReason.Unreadable, "no file matches this pattern"));
                }

                foreach (var m in matches)
                {
                    yield return (m, null);
                }
            }
            else
            {
                yield return (p, new Rejection(p, RejectionReason.Unreadable, "no such file or folder"));
            }
        }
    }

    /// <summary>Loads one input. Returns the decoded text or a rejection.</summary>
    public static (InputText? Input, Rejection? Rejection) Load(string path, ReadOptions? options = null, Stream? stdin = null)
    {
        options ??= ReadOptions.Default;
        byte[] bytes;
        try
        {
            if (path == "-")
            {
                using var ms = new MemoryStream();
                var s = stdin ?? Console.OpenStandardInput();
                var buffer = new byte[81920];
                int n;
                while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
                {
                    ms.Write(buffer, 0, n);
                    if (ms.Length > options.MaxBytes)
                    {
                        return (null, TooLarge(path, ms.Length, options));
                    }
                }

                bytes = ms.ToArray();
            }
            else
            {
                var info = new FileInfo(path);
                if (info.Length > options.MaxBytes)
                {
                    return (null, TooLarge(path, info.Length, options));
                }

                bytes = File.ReadAllBytes(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new Rejection(path, RejectionReason.Unreadable, $"cannot read: {e.Message}"));
        }

        return Decode(path, bytes, options);
    }

    /// <summary>Checks and decodes bytes already in memory.</summary>
    public static (InputText? Input, Rejection? Rejection) Decode(string path, ReadOnlySpan<byte> bytes, ReadOptions? options = null)
    {
        options ??= ReadOptions.Default;
        if (bytes.Length > options.MaxBytes)
        {
            return (null, TooLarge(path, bytes.Length, options));
        }

        if (bytes.Length == 0)
        {
            return (null, new Rejection(path, RejectionReason.Empty, "empty file"));
        }

        // A UTF-8 byte-order mark is allowed and dropped.
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            bytes = bytes[3..];
        }

        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return (null, new Rejection(path, RejectionReason.InvalidUtf8, "UTF-16 text; convert it to UTF-8"));
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            return (null, new Rejection(path, RejectionReason.Binary, $"binary file (NUL byte at offset {nul})"));
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException) when (IsLatin1Format(bytes))
        {
            // Reuters-21578 SGML predates UTF-8: its few non-ASCII bytes are ISO-8859-1.
            text = Encoding.Latin1.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" at byte {e.Index}" : string.Empty;
            return (null, new Rejection(path, RejectionReason.InvalidUtf8, $"invalid UTF-8{at}"));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, new Rejection(path, RejectionReason.Empty, "no text (only whitespace)"));
        }

        return (new InputText(path, text), null);
    }

    /// <summary>Formats documented as ISO-8859-1 (Reuters-21578 SGML), recognised by their first bytes.</summary>
    private static bool IsLatin1Format(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 512)];
        return head.IndexOf("<!DOCTYPE lewis"u8) >= 0 || head.IndexOf("<REUTERS "u8) >= 0;
    }

    private static Rejection TooLarge(string path, long size, ReadOptions options) =>
        new(path, RejectionReason.TooLarge, $"file of {size:N0} bytes is over the size limit of {options.MaxBytes:N0} bytes (--max-size)");

    private static IEnumerable<string> Glob(string pattern)
    {
        var full = Path.GetFullPath(pattern);
        var root = Path.GetPathRoot(full) ?? "/";
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> current = [root];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var last = i == parts.Length - 1;
            if (part == "**")
            {
                current = current.SelectMany(d => Directory.Exists(d)
                    ? Directory.EnumerateDirectories(d, "*", SearchOption.AllDirectories).Prepend(d)
                    : []).ToList();
                continue;
            }

            if (part.IndexOfAny(['*', '?']) < 0)
            {
                current = current.Select(d => Path.Combine(d, part)).Where(p => last ? File.Exists(p) : Directory.Exists(p)).ToList();
                continue;
            }

            current = current.SelectMany(d => Directory.Exists(d)
                ? (last ? Directory.EnumerateFiles(d, part) : Directory.EnumerateDirectories(d, part))
                : []).ToList();
        }

        return current.Where(File.Exists).Distinct().Order(StringComparer.Ordinal);
    }
}
