namespace Dossier.Text;

/// <summary>Splits a text into tokens and sentences, keeping character offsets into that text.</summary>
public interface ITextAnalyzer
{
    TextLayer Analyze(string text);
}

/// <summary>Options of <see cref="NewsTextAnalyzer"/>.</summary>
public sealed record TextOptions
{
    public static TextOptions Default { get; } = new();

    /// <summary>A line break ends a sentence (headlines, datelines, paragraphs), except in hard-wrapped text.</summary>
    public bool LineBreakEndsSentence { get; init; } = true;

    /// <summary>Detect hard-wrapped text (most lines 40-80 characters) and then end sentences only at blank or indented lines.</summary>
    public bool DetectHardWrap { get; init; } = true;
}
