using System.Collections.Frozen;
using System.Reflection;

namespace Dossier.Quotes;

/// <summary>How a cue word takes its speaker.</summary>
public enum CueKind
{
    /// <summary>"X said", "..., said X".</summary>
    Verb,

    /// <summary>A listener follows the cue: "X told reporters that ...".</summary>
    Object,

    /// <summary>"according to X".</summary>
    According,
}

/// <summary>One cue rule from Data/cues.tsv with the example a test runs.</summary>
public sealed record CueRule(IReadOnlyList<string> Forms, CueKind Kind, string Example, string ExampleSpeaker);

/// <summary>The language knowledge of the quote extractor, loaded from the embedded Data files.</summary>
public sealed class QuoteLexicon
{
    private static readonly Lazy<QuoteLexicon> Lazy = new(Load);

    private QuoteLexicon(IReadOnlyList<CueRule> cues, IReadOnlyDictionary<string, IReadOnlySet<string>> sets)
    {
        Cues = cues;
        var forms = new Dictionary<string, CueKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in cues)
        {
            foreach (var f in c.Forms)
            {
                forms.TryAdd(f, c.Kind);
            }
        }

        CueForms = forms.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        CueBaseForms = cues.Where(c => c.Forms.Count > 1).Select(c => c.Forms[0]).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        IReadOnlySet<string> Set(string name) => sets.TryGetValue(name, out var s) ? s : FrozenSet<string>.Empty;
        Pronouns = Set("pronouns");
        PersonPronouns = Set("person-pronouns");
        Determiners = Set("determiners");
        SkipBeforeCue = Set("skip-before-cue");
        StopNp = Set("stop-np");
        Titles = Set("titles");
        OrgWords = Set("org-words");
        Abbreviations = Set("abbreviations");
        NameModifiers = Set("name-modifiers");
        TimeWords = Set("time-words");
        AdverbialOpeners = Set("adverbial-openers");
        LabelWords = Set("label-words");
        ClauseOpeners = Set("clause-openers");
        ClauseLinks = Set("clause-links");
        NounMarkers = Set("noun-markers");
        TimeNouns = Set("time-nouns");
        DocumentWords = Set("document-words");
        DocumentSources = Set("document-sources");
        CollectiveNouns = Set("collective-nouns");
        WorkWords = Set("work-words");
        ViewWords = Set("view-words");
        SpeechPersons = Set("speech-persons");
        AffiliatedSpeakers = Set("affiliated-speakers");
        Months = Set("months");
        SpeechVerbs = Set("speech-verbs");
        SpeechVerbEndings = Set("speech-verb-endings");
        NotCueWords = Set("not-cue-words");
        PeopleNouns = Set("people-nouns");
        ForecastWords = Set("forecast-words");
        BeForms = Set("be-forms");
        BeAdverbs = Set("be-adverbs");
        NewClauseWords = Set("new-clause-words");
        TitleBeforeWords = Set("title-before-words");
        TitleAfterWords = Set("title-after-words");
        OpenClauseEnds = Set("open-clause-ends");
        PassiveContinuations = Set("passive-continuations");
        SpeechCueWords = Set("cue-speech");
        CognitionCueWords = Set("cue-cognition");
        PersonSpeechCueWords = Set("cue-speech-of-persons");

    }

    public static QuoteLexicon Default => Lazy.Value;

    public IReadOnlyList<CueRule> Cues { get; }

    /// <summary>Every cue form ("said", "told", "according") to its kind.</summary>
    public FrozenDictionary<string, CueKind> CueForms { get; }

    public IReadOnlySet<string> Pronouns { get; }

    public IReadOnlySet<string> PersonPronouns { get; }

    public IReadOnlySet<string> Determiners { get; }

    /// <summary>Articles and possessive determiners after which a cue word is a noun ("the note says", "his claims").</summary>
    public IReadOnlySet<string> NounMarkers { get; }

    public IReadOnlySet<string> SkipBeforeCue { get; }

    public IReadOnlySet<string> StopNp { get; }

    public IReadOnlySet<string> Titles { get; }

    public IReadOnlySet<string> OrgWords { get; }

    public IReadOnlySet<string> Abbreviations { get; }

    public IReadOnlySet<string> NameModifiers { get; }

    public IReadOnlySet<string> TimeWords { get; }

    public IReadOnlySet<string> AdverbialOpeners { get; }

    /// <summary>Capitalised words that label what follows a colon ("Related:", "Update:") rather than name a speaker.</summary>
    public IReadOnlySet<string> LabelWords { get; }

    /// <summary>Words that open an introductory phrase before the subject ("When asked, he ...", "Asked about it, she ...").</summary>
    public IReadOnlySet<string> ClauseOpeners { get; }

    /// <summary>Words before a personal pronoun that opens a later clause of the sentence ("even as he defended").</summary>
    public IReadOnlySet<string> ClauseLinks { get; }

    /// <summary>Nouns naming a time, which make a short opening phrase an adjunct ("The next day, ...", "Two weeks ago, ...").</summary>
    public IReadOnlySet<string> TimeNouns { get; }

    /// <summary>Nouns for what a speaker issues ("a statement", "an email"): "she released a statement saying ..." is hers.</summary>
    public IReadOnlySet<string> DocumentWords { get; }

    /// <summary>Documents and records that can be a quote's source but are no person or organisation ("the log notes", "the report found").</summary>
    public IReadOnlySet<string> DocumentSources { get; }

    /// <summary>Nouns that take a plural verb without an "s" ("the police say"): before one a bare cue form is a verb, not part of a compound noun.</summary>
    public IReadOnlySet<string> CollectiveNouns { get; }

    /// <summary>The base form of each cue with inflections ("say", "report"): after a singular noun it is the head of a compound noun ("the inspection report").</summary>
    public IReadOnlySet<string> CueBaseForms { get; }

    /// <summary>Nouns for a named work ("the show", "the book"): capitalised quoted words after one are its title, not a statement.</summary>
    public IReadOnlySet<string> WorkWords { get; }

    /// <summary>Nouns for a point of view after a possessive ("in Bolton’s view", "in her words"): the owner is the speaker of a quote before them.</summary>
    public IReadOnlySet<string> ViewWords { get; }

    /// <summary>First- and second-person words ("we", "my", "you're"): quoted words with one read as speech.</summary>
    public IReadOnlySet<string> SpeechPersons { get; }

    /// <summary>Heads of a speaker phrase completed by "at/for/from" and an institution ("staff at the hospital").</summary>
    public IReadOnlySet<string> AffiliatedSpeakers { get; }

    /// <summary>Month names, lower case ("april", "sept."): a date adjunct after a speaker phrase is passed.</summary>
    public IReadOnlySet<string> Months { get; }

    /// <summary>Finite auxiliaries and modals ("is", "can", "would"): with a sentence end inside the marks, quoted words read as a clause.</summary>
    public IReadOnlySet<string> SpeechVerbs { get; }

    /// <summary>Contraction endings that make a finite verb ("n't", "'re", "'m").</summary>
    public IReadOnlySet<string> SpeechVerbEndings { get; }

    /// <summary>Auxiliaries, adverbs, adjectives and prepositions that are never a learned cue on their own ("has always", "against"; Data/lexicon.txt [not-cue-words]).</summary>
    public IReadOnlySet<string> NotCueWords { get; }

    /// <summary>Plural nouns for groups of people ("lawmakers", "critics"): the head of a subject, not its verb (Data/lexicon.txt [people-nouns]).</summary>
    public IReadOnlySet<string> PeopleNouns { get; }

    /// <summary>Words that, between "be" and a to-infinitive, forecast what the subject will do ("is expected to visit"; Data/lexicon.txt [forecast-words]).</summary>
    public IReadOnlySet<string> ForecastWords { get; }

    /// <summary>Forms of "be" ("is", "was", "been"; Data/lexicon.txt [be-forms]).</summary>
    public IReadOnlySet<string> BeForms { get; }

    /// <summary>Adverbs that may stand between a form of "be" and a forecast word ("is also expected", "had been widely expected").</summary>
    public IReadOnlySet<string> BeAdverbs { get; }

    /// <summary>Words that open a clause of their own after a cue set off by commas ("…, he said, and …"; Data/lexicon.txt [new-clause-words]).</summary>
    public IReadOnlySet<string> NewClauseWords { get; }

    /// <summary>Words before capitalised quoted words that make them a medium or a work ("said on “Meet the Press.”"; Data/lexicon.txt [title-before-words]).</summary>
    public IReadOnlySet<string> TitleBeforeWords { get; }

    /// <summary>Nouns after capitalised quoted words that make them a title or a slogan ("the “Jane The Virgin” actress"; Data/lexicon.txt [title-after-words]).</summary>
    public IReadOnlySet<string> TitleAfterWords { get; }

    /// <summary>Words that leave a clause unfinished before a comma ("will be followed, Putin said, by …"; Data/lexicon.txt [open-clause-ends]).</summary>
    public IReadOnlySet<string> OpenClauseEnds { get; }

    /// <summary>Prepositions that go on with a passive verb across a cue ("was followed, he said, by …"; Data/lexicon.txt [passive-continuations]).</summary>
    public IReadOnlySet<string> PassiveContinuations { get; }

    /// <summary>Base forms of cue words that report speech ("say", "accuse"; Data/cue-kinds.txt [speech]).</summary>
    public IReadOnlySet<string> SpeechCueWords { get; }

    /// <summary>Base forms of cue words that report a thought or belief ("believe", "hope"; Data/cue-kinds.txt [cognition]).</summary>
    public IReadOnlySet<string> CognitionCueWords { get; }

    /// <summary>Cue words that report speech only of a person or group of people ("suggest", "reveal"; Data/cue-kinds.txt [speech-of-persons]).</summary>
    public IReadOnlySet<string> PersonSpeechCueWords { get; }

    /// <summary>
    /// What a cue reports (Data/cue-kinds.txt) with a person or people speaking and with any other speaker (cached per cue
    /// as written): speech when one of its words is a speech word, else cognition when one is a cognition word, else
    /// speech when one is a speech word of persons and people speak, else other.
    /// </summary>
    internal (CueClass People, CueClass Other) ClassesOf(ReadOnlySpan<char> cue)
    {
        var lookup = _classes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(cue, out var c))
        {
            var s = cue.ToString();
            c = (Classify(s, true), Classify(s, false));
            if (_classes.Count < 100_000)
            {
                _classes.TryAdd(s, c);
            }
        }

        return c;
    }

    /// <summary>Each cue met so far, as written, to its class with a person or people speaking and with any other speaker.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (CueClass People, CueClass Other)> _classes = new(StringComparer.OrdinalIgnoreCase);

    private CueClass Classify(string cue, bool peopleSpeak)
    {
        var words = cue.Split([' ', '\t', '\n', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',', ':', ';', '"', '\'', '“', '”').ToLowerInvariant()).Where(w => w.Length > 0).ToList();
        if (words.Any(w => Bases(w).Any(SpeechCueWords.Contains)))
        {
            return CueClass.Speech;
        }

        if (words.Any(w => Bases(w).Any(CognitionCueWords.Contains)))
        {
            return CueClass.Cognition;
        }

        return peopleSpeak && words.Any(w => Bases(w).Any(PersonSpeechCueWords.Contains)) ? CueClass.Speech : CueClass.Other;
    }

    /// <summary>A word and the base forms its inflection may come from ("accused" -> accus, accuse; "quipped" -> quip).</summary>
    private static IEnumerable<string> Bases(string w)
    {
        yield return w;
        foreach (var (suffix, add) in Suffixes)
        {
            if (w.Length > suffix.Length + 2 && w.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = w[..^suffix.Length];
                yield return stem + add;
                if (add.Length == 0 && stem.Length > 3 && stem[^1] == stem[^2])
                {
                    yield return stem[..^1];
                }
            }
        }
    }

    private static readonly (string Suffix, string Add)[] Suffixes = [("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("d", ""), ("ing", ""), ("ing", "e")];

    private static QuoteLexicon Load()
    {
        var cues = new List<CueRule>();
        foreach (var line in ReadLines("cues.tsv"))
        {
            var cols = line.Split('\t');
            if (cols.Length < 4)
            {
                throw new InvalidDataException($"Quotes/Data/cues.tsv: expected 4 tab-separated columns in '{line}'.");
            }

            var kind = cols[1] switch
            {
                "verb" => CueKind.Verb,
                "object" => CueKind.Object,
                "according" => CueKind.According,
                _ => throw new InvalidDataException($"Quotes/Data/cues.tsv: unknown kind '{cols[1]}'."),
            };
            cues.Add(new CueRule(cols[0].Split('|'), kind, cols[2], cols[3]));
        }

        var sets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string>? current = null;
        foreach (var line in ReadLines("lexicon.txt").Concat(ReadLines("cue-kinds.txt").Select(l => l.StartsWith('[') ? "[cue-" + l[1..] : l)))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                sets[line[1..^1]] = current;
            }
            else
            {
                current?.Add(line.Trim());
            }
        }

        return new QuoteLexicon(cues, sets.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value.ToFrozenSet(StringComparer.OrdinalIgnoreCase), StringComparer.Ordinal));
    }

    internal static IEnumerable<string> ReadLines(string file)
    {
        var asm = typeof(QuoteLexicon).Assembly;
        var name = asm.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(".Quotes.Data." + file, StringComparison.Ordinal));
        if (name is null)
        {
            Core.DossierThrow.Dossier_ModelMissing("Quotes/Data/" + file);
        }

        using var stream = asm.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            yield return line;
        }
    }

    internal static Assembly Assembly => typeof(QuoteLexicon).Assembly;
}
