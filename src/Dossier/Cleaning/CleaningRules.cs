using System.Text.RegularExpressions;
using Dossier.Reading;

namespace Dossier.Cleaning;

/// <summary>What an update/correction marker does.</summary>
public enum MarkerAction
{
    /// <summary>The text after the marker is the previous version of the story.</summary>
    Split,

    /// <summary>The marker paragraph is a note (a correction) kept in metadata.</summary>
    Note,
}

/// <summary>The cleaning rules of <c>Cleaning/Data/cleaning.json</c> and <c>unicode.json</c>, loaded into typed tables.</summary>
public sealed class CleaningRules
{
    // No match timeout: on a loaded machine a wall-clock timeout fires on harmless rules. Inputs are bounded (one
    // paragraph, length-capped per rule), and the one rule with nested repetition (byline) runs without backtracking.
    private const RegexOptions Opts = RegexOptions.CultureInvariant | RegexOptions.Compiled;
    private const RegexOptions Linear = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
    private static readonly TimeSpan Timeout = Regex.InfiniteMatchTimeout;

    private CleaningRules(Dto d, UnicodeDto u)
    {
        Raw = d;
        Characters = d.Characters.ToDictionary(kv => kv.Key[0], kv => kv.Value);
        Sequences = d.Sequences;
        Deleted = d.Deleted.Select(s => s[0]).ToHashSet();
        Compose = u.Compose;
        Compatibility = u.Compatibility.ToDictionary(kv => kv.Key[0], kv => kv.Value);
        Separator = new Regex(d.Separator.Pattern, Opts, Timeout);
        Markers = d.Markers.Select(m => new MarkerRule(new Regex(m.Pattern, Opts, Timeout), Enum.Parse<MarkerAction>(m.Action, ignoreCase: true), m.Example)).ToList();
        Credits = d.Credits.Select(c => new Regex(c.Pattern, Opts, Timeout)).ToList();
        ContributorIntro = new Regex(d.ContributorIntro, Opts, Timeout);
        ContributorPlace = new Regex(d.ContributorPlace, Opts, Timeout);
        ContributorName = new Regex(d.ContributorName, Linear, Timeout);
        ContributorNotPerson = new Regex(d.ContributorNotPerson, Linear, Timeout);
        Byline = new Regex(d.Byline.Pattern, Linear, Timeout);
        Dateline = new Regex(d.Dateline.Pattern, Opts, Timeout);
        CaptionCredit = new Regex(d.CaptionCredit, Opts, Timeout);
        CaptionCue = new Regex(d.CaptionCue, Opts, Timeout);
        Outlets = new Dictionary<string, string>(d.Outlets, StringComparer.OrdinalIgnoreCase);
        CreditOutlet = new Regex(d.CreditOutlet, Opts, Timeout);
        UrlDate = new Regex(d.UrlDate, Opts, Timeout);
    }

    public static CleaningRules Default { get; } = new(
        EmbeddedData.Load<Dto>("Cleaning", "cleaning.json"),
        EmbeddedData.Load<UnicodeDto>("Cleaning", "unicode.json"));

    /// <summary>The rules as written in the data file, with their examples.</summary>
    public Dto Raw { get; }

    public IReadOnlyDictionary<char, string> Characters { get; }

    public IReadOnlyDictionary<string, string> Sequences { get; }

    public IReadOnlySet<char> Deleted { get; }

    /// <summary>Decomposed sequences (letter + combining marks) to their composed character (NFC).</summary>
    public IReadOnlyDictionary<string, string> Compose { get; }

    /// <summary>Ligatures and full-width forms to plain characters (NFKC).</summary>
    public IReadOnlyDictionary<char, string> Compatibility { get; }

    public Regex Separator { get; }

    public IReadOnlyList<MarkerRule> Markers { get; }

    public IReadOnlyList<Regex> Credits { get; }

    public Regex ContributorIntro { get; }

    public Regex ContributorPlace { get; }

    public Regex ContributorName { get; }

    /// <summary>A credited name that is an organisation ("Northern Wire Service"), not a person.</summary>
    public Regex ContributorNotPerson { get; }

    public Regex Byline { get; }

    public Regex Dateline { get; }

    public Regex CaptionCredit { get; }

    public Regex CaptionCue { get; }

    public IReadOnlyDictionary<string, string> Outlets { get; }

    public Regex CreditOutlet { get; }

    public Regex UrlDate { get; }

    /// <summary>The outlet name Dossier keeps for a name as credited ("Associated Press" -> "AP").</summary>
    public string OutletName(string credited)
    {
        ArgumentNullException.ThrowIfNull(credited);
        var t = credited.Trim();
        return Outlets.TryGetValue(t, out var n) ? n : t;
    }

    public bool IsCreditLine(string paragraph) => paragraph.Length <= 700 && Credits.Any(c => c.IsMatch(paragraph));

    public bool IsCaption(string paragraph, bool printedTwice) =>
        paragraph.Length <= 600 && CaptionCredit.IsMatch(paragraph) && (printedTwice || CaptionCue.IsMatch(paragraph));

    /// <summary>The names in a credit line ("X reported from Y. AP journalists A in B; C and D contributed.").</summary>
    public IReadOnlyList<string> Contributors(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var names = new List<string>();
        var rest = line.Trim().TrimStart('(').TrimEnd(')', '.').Trim();
        var reported = rest.IndexOf(" reported from ", StringComparison.Ordinal);
        if (reported > 0)
        {
            AddList(rest[..reported], names, false);
            var after = rest[(reported + 15)..];
            var stop = after.IndexOf(". ", StringComparison.Ordinal);
            rest = stop < 0 ? string.Empty : after[(stop + 2)..];
        }

        var contributed = rest.LastIndexOf(" contributed", StringComparison.Ordinal);
        if (contributed > 0)
        {
            var list = rest[..contributed];
            var intro = ContributorIntro.Match(list);
            if (intro.Success)
            {
                list = list[(intro.Index + intro.Length)..];
            }

            AddList(list, names, true);
        }

        // "Reporting by A in B; editing by C. Additional reporting by D in E."
        foreach (var part in Regex.Split(rest, @";|(?<=\p{Ll}{2})\.\s+", RegexOptions.CultureInvariant, Timeout).Select(p => p.Trim()))
        {
            var by = part.IndexOf(" by ", StringComparison.Ordinal);
            if (by > 0 && by < 40 && !part.Contains(" contributed", StringComparison.Ordinal))
            {
                AddList(part[(by + 4)..], names, true);
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    private void AddList(string list, List<string> names, bool withPlaces)
    {
        // Items are separated by ';', ',' and 'and'; "NAME in PLACE, REGION" has a place continuing after a comma.
        var groups = list.Split(';');
        foreach (var g in groups)
        {
            var items = Regex.Split(g, @"\s*,\s*(?:and\s+)?|\s+and\s+", RegexOptions.CultureInvariant, Timeout);
            var previousHadPlace = false;
            var first = true;
            foreach (var raw in items)
            {
                var item = raw.Trim();
                if (item.StartsWith("and ", StringComparison.Ordinal))
                {
                    item = item[4..];
                }

                var hasPlace = withPlaces && ContributorPlace.IsMatch(item);
                if (!first && previousHadPlace && !hasPlace && IsPlaceContinuation(g, raw))
                {
                    continue;
                }

                first = false;
                previousHadPlace = hasPlace;
                var name = hasPlace ? ContributorPlace.Replace(item, string.Empty) : item;
                if (name.Length > 1 && ContributorName.IsMatch(name) && !ContributorNotPerson.IsMatch(name))
                {
                    names.Add(name);
                }
            }
        }
    }

    /// <summary>An item after a place ("..., South Korea") that follows a comma (not 'and') continues the place.</summary>
    private static bool IsPlaceContinuation(string group, string item)
    {
        var at = group.IndexOf(item, StringComparison.Ordinal);
        if (at <= 0)
        {
            return false;
        }

        var before = group[..at].TrimEnd();
        return before.EndsWith(',') && !group[at..].TrimStart().StartsWith("and ", StringComparison.Ordinal);
    }

    public sealed record MarkerRule(Regex Pattern, MarkerAction Action, string Example);

#pragma warning disable CA1034 // The data-file shapes are nested: they belong to this loader only.
    public sealed record PatternExample(string Pattern, string Example);

    public sealed record MarkerDto(string Action, string Pattern, string Example);

    public sealed record ContributorExample(string Line, IReadOnlyList<string> Names);

    public sealed record BylineDto(string Pattern, string Example, string Name);

    public sealed record DatelineDto(string Pattern, string Example, string Place, string Credit);

    public sealed record CaptionExample(string Text, bool Caption);

    public sealed record Dto(
        IReadOnlyDictionary<string, string> Characters,
        IReadOnlyDictionary<string, string> Sequences,
        IReadOnlyList<string> Deleted,
        PatternExample Separator,
        IReadOnlyList<MarkerDto> Markers,
        IReadOnlyList<PatternExample> Credits,
        string ContributorIntro,
        string ContributorPlace,
        string ContributorName,
        string ContributorNotPerson,
        IReadOnlyList<ContributorExample> ContributorExamples,
        BylineDto Byline,
        DatelineDto Dateline,
        string CaptionCredit,
        string CaptionCue,
        IReadOnlyList<CaptionExample> CaptionExamples,
        IReadOnlyDictionary<string, string> Outlets,
        string CreditOutlet,
        string UrlDate,
        string UrlDateExample);

    public sealed record UnicodeDto(IReadOnlyDictionary<string, string> Compose, IReadOnlyDictionary<string, string> Compatibility);
#pragma warning restore CA1034
}
