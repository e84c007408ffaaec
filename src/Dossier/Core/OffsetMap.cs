namespace Dossier.Core;

/// <summary>
/// Maps offsets in a cleaned text back to offsets in the text it was cleaned from.
/// Built from segments: runs copied one to one, and replacements (a run of source
/// characters that became a different run of cleaned characters, possibly empty).
/// </summary>
public sealed class OffsetMap
{
    private readonly int[] _cleanStarts;
    private readonly int[] _sourceStarts;
    private readonly int[] _cleanLengths;
    private readonly int[] _sourceLengths;

    private OffsetMap(int[] cleanStarts, int[] sourceStarts, int[] cleanLengths, int[] sourceLengths, int cleanLength, int sourceLength)
    {
        _cleanStarts = cleanStarts;
        _sourceStarts = sourceStarts;
        _cleanLengths = cleanLengths;
        _sourceLengths = sourceLengths;
        CleanLength = cleanLength;
        SourceLength = sourceLength;
    }

    public int CleanLength { get; }

    public int SourceLength { get; }

    public int SegmentCount => _cleanStarts.Length;

    public static OffsetMap Identity(int length) =>
        new([0], [0], [length], [length], length, length);

    /// <summary>The source offset of the character at (or the boundary before) <paramref name="cleanOffset"/>.</summary>
    public int ToSource(int cleanOffset)
    {
        if (_cleanStarts.Length == 0)
        {
            return 0;
        }

        var i = Array.BinarySearch(_cleanStarts, cleanOffset);
        if (i < 0)
        {
            i = ~i - 1;
        }

        if (i < 0)
        {
            return _sourceStarts[0];
        }

        // Prefer the segment that actually contains the offset; for an offset at a
        // boundary between segments the later one starts there.
        var within = cleanOffset - _cleanStarts[i];
        if (_cleanLengths[i] == _sourceLengths[i])
        {
            return _sourceStarts[i] + Math.Min(within, _sourceLengths[i]);
        }

        // Replacement: interior offsets map to the start, the end maps to the end.
        return within >= _cleanLengths[i] ? _sourceStarts[i] + _sourceLengths[i] : _sourceStarts[i];
    }

    /// <summary>The end offset in the source of a clean span ending at <paramref name="cleanEnd"/> (exclusive).</summary>
    public int ToSourceEnd(int cleanEnd)
    {
        if (cleanEnd <= 0 || _cleanStarts.Length == 0)
        {
            return ToSource(cleanEnd);
        }

        // Map the last character inside the span, then step past it.
        var last = cleanEnd - 1;
        var i = Array.BinarySearch(_cleanStarts, last);
        if (i < 0)
        {
            i = ~i - 1;
        }

        if (i < 0)
        {
            return ToSource(cleanEnd);
        }

        var within = last - _cleanStarts[i];
        if (_cleanLengths[i] == _sourceLengths[i])
        {
            return _sourceStarts[i] + within + 1;
        }

        return _sourceStarts[i] + _sourceLengths[i];
    }

    public TextSpan ToSource(TextSpan clean) =>
        clean.IsEmpty ? new TextSpan(ToSource(clean.Start), ToSource(clean.Start)) : new TextSpan(ToSource(clean.Start), ToSourceEnd(clean.End));

    /// <summary>Serialises the segments as a flat int array (cleanStart, sourceStart, cleanLength, sourceLength)*.</summary>
    public int[] ToArray()
    {
        var result = new int[(_cleanStarts.Length * 4) + 2];
        result[0] = CleanLength;
        result[1] = SourceLength;
        for (var i = 0; i < _cleanStarts.Length; i++)
        {
            result[2 + (i * 4)] = _cleanStarts[i];
            result[3 + (i * 4)] = _sourceStarts[i];
            result[4 + (i * 4)] = _cleanLengths[i];
            result[5 + (i * 4)] = _sourceLengths[i];
        }

        return result;
    }

    public static OffsetMap FromArray(int[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var n = (data.Length - 2) / 4;
        var cs = new int[n];
        var ss = new int[n];
        var cl = new int[n];
        var sl = new int[n];
        for (var i = 0; i < n; i++)
        {
            cs[i] = data[2 + (i * 4)];
            ss[i] = data[3 + (i * 4)];
            cl[i] = data[4 + (i * 4)];
            sl[i] = data[5 + (i * 4)];
        }

        return new OffsetMap(cs, ss, cl, sl, data[0], data[1]);
    }

    /// <summary>Builds a cleaned text and its map at the same time.</summary>
    public sealed class Builder
    {
        private readonly string _source;
        private readonly System.Text.StringBuilder _text = new();
        private readonly List<int> _cleanStarts = [];
        private readonly List<int> _sourceStarts = [];
        private readonly List<int> _cleanLengths = [];
        private readonly List<int> _sourceLengths = [];

        public Builder(string source)
        {
            _source = source ?? throw new ArgumentNullException(nameof(source));
        }

        public int Length => _text.Length;

        public char LastChar => _text.Length == 0 ? '\0' : _text[^1];

        /// <summary>Copies <c>source[start, start+length)</c> unchanged.</summary>
        public Builder Copy(int sourceStart, int length)
        {
            if (length <= 0)
            {
                return this;
            }

            var n = _cleanStarts.Count;
            if (n > 0 && _cleanLengths[n - 1] == _sourceLengths[n - 1]
                && _cleanStarts[n - 1] + _cleanLengths[n - 1] == _text.Length
                && _sourceStarts[n - 1] + _sourceLengths[n - 1] == sourceStart)
            {
                _cleanLengths[n - 1] += length;
                _sourceLengths[n - 1] += length;
            }
            else
            {
                Add(_text.Length, sourceStart, length, length);
            }

            _text.Append(_source, sourceStart, length);
            return this;
        }

        /// <summary>Replaces <c>source[start, start+sourceLength)</c> with <paramref name="replacement"/> (may be empty: a deletion).</summary>
        public Builder Replace(int sourceStart, int sourceLength, string replacement)
        {
            ArgumentNullException.ThrowIfNull(replacement);
            if (replacement.Length == sourceLength && string.CompareOrdinal(_source, sourceStart, replacement, 0, sourceLength) == 0)
            {
                return Copy(sourceStart, sourceLength);
            }

            if (replacement.Length == 0 && sourceLength == 0)
            {
                return this;
            }

            // A replacement with equal lengths that differs is kept as its own segment of
            // unequal kind only when lengths differ; equal-length replacements map 1:1.
            if (replacement.Length == sourceLength)
            {
                Add(_text.Length, sourceStart, sourceLength, sourceLength);
            }
            else
            {
                AddReplacement(_text.Length, sourceStart, replacement.Length, sourceLength);
            }

            _text.Append(replacement);
            return this;
        }

        /// <summary>Inserts text that has no source (a separator), anchored at <paramref name="sourcePosition"/>.</summary>
        public Builder Insert(int sourcePosition, string text) => Replace(sourcePosition, 0, text);

        public (string Text, OffsetMap Map) Build()
        {
            var map = new OffsetMap(
                [.. _cleanStarts], [.. _sourceStarts], [.. _cleanLengths], [.. _sourceLengths], _text.Length, _source.Length);
            return (_text.ToString(), map);
        }

        private void Add(int cleanStart, int sourceStart, int cleanLength, int sourceLength)
        {
            _cleanStarts.Add(cleanStart);
            _sourceStarts.Add(sourceStart);
            _cleanLengths.Add(cleanLength);
            _sourceLengths.Add(sourceLength);
        }

        private void AddReplacement(int cleanStart, int sourceStart, int cleanLength, int sourceLength)
        {
            if (cleanLength == 0)
            {
                // Pure deletion: nothing in the clean text points into it; no segment needed.
                return;
            }

            Add(cleanStart, sourceStart, cleanLength, sourceLength);
        }
    }
}
