namespace Dossier.Core;

/// <summary>A half-open character range <c>[Start, End)</c> into one text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    public bool IsEmpty => End <= Start;

    public bool Contains(int offset) => offset >= Start && offset < End;

    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;

    public ReadOnlySpan<char> Of(string text) => text.AsSpan(Start, Length);

    public string Slice(string text) => text.Substring(Start, Length);

    public override string ToString() => $"[{Start},{End})";
}
