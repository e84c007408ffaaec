using Dossier.Core;

namespace Dossier.Text;

/// <summary>What a token is made of.</summary>
public enum TokenKind
{
    Word,
    Number,
    Punctuation,
    Quote,
    Symbol,
}

/// <summary>A token: a half-open span into the article's cleaned text.</summary>
public readonly record struct Token(int Start, int End, TokenKind Kind)
{
    public TextSpan Span => new(Start, End);

    public int Length => End - Start;

    public ReadOnlySpan<char> Of(string text) => text.AsSpan(Start, End - Start);
}

/// <summary>A sentence: its span and its tokens <c>[FirstToken, FirstToken + TokenCount)</c>.</summary>
public readonly record struct Sentence(int Start, int End, int FirstToken, int TokenCount)
{
    public TextSpan Span => new(Start, End);
}

/// <summary>The text layer of an article: tokens and sentences over <c>Article.Text</c>.</summary>
public sealed record TextLayer(IReadOnlyList<Token> Tokens, IReadOnlyList<Sentence> Sentences);
