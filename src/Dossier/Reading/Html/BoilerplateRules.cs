using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Dossier.Reading.Html;

/// <summary>The boilerplate rules of <c>Reading/Data/boilerplate.json</c>, loaded into typed tables.</summary>
public sealed class BoilerplateRules
{
    private readonly HashSet<string> _tags;
    private readonly HashSet<string> _classWords;
    private readonly Regex[] _paragraphs;

    private BoilerplateRules(Dto dto)
    {
        _tags = new HashSet<string>(dto.RemoveTags, StringComparer.OrdinalIgnoreCase);
        _classWords = new HashSet<string>(dto.ClassWords, StringComparer.OrdinalIgnoreCase);
        MaxRemovedShare = dto.MaxRemovedShare;
        ParagraphRules = dto.Paragraphs;
        ClassExamples = dto.ExamplesClass;
        _paragraphs = dto.Paragraphs
            .Select(p => new Regex(p.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled))
            .ToArray();
    }

    public static BoilerplateRules Default { get; } = new(EmbeddedData.Load<Dto>("Reading", "boilerplate.json"));

    public double MaxRemovedShare { get; }

    public IReadOnlyList<ParagraphRule> ParagraphRules { get; }

    public IReadOnlyList<ClassExample> ClassExamples { get; }

    public bool IsRemovedTag(string localName) => _tags.Contains(localName);

    /// <summary>Whether a class/id/role attribute value names page furniture.</summary>
    public bool IsBoilerplateClass(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var lookup = _classWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = value.AsSpan();
        var start = 0;
        for (var i = 0; i <= span.Length; i++)
        {
            if (i < span.Length && span[i] is not (' ' or '-' or '_' or '\t' or '\n'))
            {
                continue;
            }

            if (i > start && lookup.Contains(span[start..i]))
            {
                return true;
            }

            start = i + 1;
        }

        return false;
    }

    public bool IsBoilerplateElement(IElement e) =>
        IsRemovedTag(e.LocalName)
        || IsBoilerplateClass(e.ClassName)
        || IsBoilerplateClass(e.Id)
        || IsBoilerplateClass(e.GetAttribute("role"))
        || IsBoilerplateClass(e.GetAttribute("data-component"))
        || e.HasAttribute("hidden")
        || string.Equals(e.GetAttribute("aria-hidden"), "true", StringComparison.Ordinal);

    /// <summary>Whether a whole extracted paragraph is boilerplate (a "Read more" link, a copyright line...).</summary>
    public bool IsBoilerplateParagraph(string paragraph)
    {
        if (paragraph.Length > 400)
        {
            return false;
        }

        foreach (var r in _paragraphs)
        {
            if (r.IsMatch(paragraph))
            {
                return true;
            }
        }

        return false;
    }

    public sealed record ParagraphRule(string Pattern, string Example);

    public sealed record ClassExample(string Class, bool Removed);

    private sealed record Dto(
        IReadOnlyList<string> RemoveTags,
        IReadOnlyList<string> ClassWords,
        double MaxRemovedShare,
        IReadOnlyList<ClassExample> ExamplesClass,
        IReadOnlyList<ParagraphRule> Paragraphs);
}
