namespace Dossier.Copies;

/// <summary>
/// How close two sentences are word by word: the longest common subsequence of their words, where two words
/// match when they are the same, the same word with a slip (one letter changed, dropped, added, or two swapped;
/// two such slips in words of six letters or more: OCR noise, typing errors, UK and US spellings), or one is a
/// short form of the other ("mln" and "million", "Corp" and "Corporation"). Numbers match only when equal.
/// A sentence edited by a careless hand keeps nearly all its words in order; a reworded one does not.
/// </summary>
public static class CloseWords
{
    /// <summary>Sentences whose word grid is larger than this are compared by the words they share, in any order (a 5 MB text without full stops).</summary>
    private const int MaxCells = 1 << 16;

    /// <summary>
    /// Words of sentence <paramref name="sa"/> of <paramref name="a"/> matched in order in sentence <paramref name="sb"/>
    /// of <paramref name="b"/>; with <paramref name="exactOnly"/>, only words that are the same word count.
    /// </summary>
    public static int Common(CopyProfile a, int sa, CopyProfile b, int sb, bool exactOnly = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (fa, na) = (a.Sentences[sa].FirstWord, a.Sentences[sa].WordCount);
        var (fb, nb) = (b.Sentences[sb].FirstWord, b.Sentences[sb].WordCount);
        if (na == 0 || nb == 0)
        {
            return 0;
        }

        if ((long)na * nb > MaxCells)
        {
            return SharedWords(a.WordHashes.AsSpan(fa, na), b.WordHashes.AsSpan(fb, nb));
        }

        Span<int> older = nb < 512 ? stackalloc int[nb + 1] : new int[nb + 1];
        Span<int> prev = nb < 512 ? stackalloc int[nb + 1] : new int[nb + 1];
        Span<int> cur = nb < 512 ? stackalloc int[nb + 1] : new int[nb + 1];
        older.Clear();
        prev.Clear();
        cur.Clear();
        for (var i = 0; i < na; i++)
        {
            var ha = a.WordHashes[fa + i];
            for (var j = 0; j < nb; j++)
            {
                var v = Math.Max(prev[j + 1], cur[j]);
                if (ha == b.WordHashes[fb + j] || (!exactOnly && Similar(a.WordText(fa + i), b.WordText(fb + j))))
                {
                    v = Math.Max(v, prev[j] + 1);
                }
                else if (!exactOnly)
                {
                    // A lost space ("itsNorthwest") or a word broken at a line end ("resil- ience"): two words one.
                    if (j > 0 && Joined(b.WordText(fb + j - 1), b.WordText(fb + j), a.WordText(fa + i)))
                    {
                        v = Math.Max(v, prev[j - 1] + 2);
                    }

                    if (i > 0 && Joined(a.WordText(fa + i - 1), a.WordText(fa + i), b.WordText(fb + j)))
                    {
                        v = Math.Max(v, older[j] + 2);
                    }

                    // A date written day first ("9 July" for "July 9"): another house's order, not another wording.
                    if (i > 0 && j > 0 && ha == b.WordHashes[fb + j - 1] && a.WordHashes[fa + i - 1] == b.WordHashes[fb + j]
                        && DayAndMonth(a.WordText(fa + i - 1), a.WordText(fa + i)))
                    {
                        v = Math.Max(v, older[j - 1] + 2);
                    }
                }

                cur[j + 1] = v;
            }

            var t = older;
            older = prev;
            prev = cur;
            cur = t;
        }

        return prev[nb];
    }

    /// <summary>Words the two sequences share, each counted as often as both have it: an upper bound of the common subsequence, in linear time.</summary>
    private static int SharedWords(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var counts = new Dictionary<ulong, int>(a.Length);
        foreach (var h in a)
        {
            counts[h] = counts.GetValueOrDefault(h) + 1;
        }

        var shared = 0;
        foreach (var h in b)
        {
            if (counts.TryGetValue(h, out var c) && c > 0)
            {
                counts[h] = c - 1;
                shared++;
            }
        }

        return shared;
    }

    /// <summary>A day of the month (a number up to 31) next to a capitalised word (the month): a date, in either order.</summary>
    private static bool DayAndMonth(ReadOnlySpan<char> x, ReadOnlySpan<char> y) => (Day(x) && Capitalised(y)) || (Day(y) && Capitalised(x));

    private static bool Day(ReadOnlySpan<char> w) => w.Length is 1 or 2 && char.IsAsciiDigit(w[0]) && (w.Length == 1 || (char.IsAsciiDigit(w[1]) && w[0] <= '3'));

    private static bool Capitalised(ReadOnlySpan<char> w)
    {
        if (w.Length < 3 || !char.IsUpper(w[0]))
        {
            return false;
        }

        foreach (var c in w[1..])
        {
            if (!char.IsLower(c) && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="first"/> and <paramref name="second"/> written together are <paramref name="whole"/> (case aside).</summary>
    private static bool Joined(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> whole) =>
        first.Length + second.Length == whole.Length
        && first.Equals(whole[..first.Length], StringComparison.OrdinalIgnoreCase)
        && second.Equals(whole[first.Length..], StringComparison.OrdinalIgnoreCase);

    /// <summary>The same word with a slip or in a short form (case aside); numbers never.</summary>
    public static bool Similar(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        if (x.Length == 0 || y.Length == 0 || HasDigit(x) || HasDigit(y))
        {
            return false;
        }

        var s = x.Length <= y.Length ? x : y;
        var l = x.Length <= y.Length ? y : x;
        if (s.Length >= 4 && l.Length - s.Length <= 2)
        {
            var most = s.Length >= 6 ? 2 : 1;
            if (Slips(s, l, most) <= most)
            {
                return true;
            }
        }

        // A three-letter word with one slip ("teh", "tac", "frm" for "from"): one letter away makes many other short
        // words ("was" and "has"), so only with the first letter kept and inside the aligned pair of sentences.
        if (s.Length == 3 && l.Length <= 4 && char.ToLowerInvariant(s[0]) == char.ToLowerInvariant(l[0]) && Slips(s, l, 1) <= 1)
        {
            return true;
        }

        // "mln" in "million", "Corp" in "Corporation", "tons" in "tonnes": the letters of the short form in order, the first first.
        return s.Length is >= 2 and <= 4 && l.Length >= s.Length + 2 && char.ToLowerInvariant(s[0]) == char.ToLowerInvariant(l[0]) && InOrder(s, l);
    }

    private static bool HasDigit(ReadOnlySpan<char> w)
    {
        foreach (var c in w)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InOrder(ReadOnlySpan<char> shortForm, ReadOnlySpan<char> word)
    {
        var k = 0;
        for (var i = 0; i < word.Length && k < shortForm.Length; i++)
        {
            k += char.ToLowerInvariant(word[i]) == char.ToLowerInvariant(shortForm[k]) ? 1 : 0;
        }

        return k == shortForm.Length;
    }

    /// <summary>Edits (a letter changed, dropped or added, two neighbours swapped) from one word to the other, case aside; more than <paramref name="most"/> is reported as most + 1.</summary>
    private static int Slips(ReadOnlySpan<char> x, ReadOnlySpan<char> y, int most)
    {
        var n = x.Length;
        var m = y.Length;
        if (n > 64 || m > 64)
        {
            return most + 1;
        }

        Span<int> d = stackalloc int[(n + 1) * (m + 1)];
        for (var i = 0; i <= n; i++)
        {
            d[i * (m + 1)] = i;
        }

        for (var j = 0; j <= m; j++)
        {
            d[j] = j;
        }

        for (var i = 1; i <= n; i++)
        {
            var rowMin = int.MaxValue;
            var xi = char.ToLowerInvariant(x[i - 1]);
            for (var j = 1; j <= m; j++)
            {
                var yj = char.ToLowerInvariant(y[j - 1]);
                var cost = xi == yj ? 0 : 1;
                var v = Math.Min(Math.Min(d[((i - 1) * (m + 1)) + j] + 1, d[(i * (m + 1)) + j - 1] + 1), d[((i - 1) * (m + 1)) + j - 1] + cost);
                if (i > 1 && j > 1 && xi == char.ToLowerInvariant(y[j - 2]) && char.ToLowerInvariant(x[i - 2]) == yj)
                {
                    v = Math.Min(v, d[((i - 2) * (m + 1)) + j - 2] + 1);
                }

                d[(i * (m + 1)) + j] = v;
                rowMin = Math.Min(rowMin, v);
            }

            if (rowMin > most)
            {
                return most + 1;
            }
        }

        return d[(n * (m + 1)) + m];
    }
}
