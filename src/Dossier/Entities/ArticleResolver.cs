using System.Buffers;
using Dossier.Core;
using Dossier.Text;

namespace Dossier.Entities;

/// <summary>
/// Links the mentions of one article into entities: full names by spelling variant, a lone surname to the
/// most salient compatible person (the one named in this or the previous sentence first, then the most
/// mentioned), "he"/"she" to the latest person, "the minister" to the latest person with that role,
/// capitals acting for their country ("Moscow said") and country aliases (DPRK = North Korea). Names in
/// contributor, byline and photo-credit lines are marked as contributors.
/// </summary>
public sealed class ArticleResolver
{
    private readonly EntityLexicon _lexicon;

    public ArticleResolver(EntityLexicon? lexicon = null)
    {
        _lexicon = lexicon ?? EntityLexicon.Default;
    }

    public static ArticleResolver Default { get; } = new();

    private static readonly int TypeCount = Enum.GetValues<EntityType>().Length;

    private sealed class Group
    {
        public required string Key { get; set; }

        public required EntityType Type { get; set; }

        /// <summary>Mentions by tagged type, indexed by <see cref="EntityType"/>.</summary>
        public int[] Votes { get; } = new int[TypeCount];

        public List<int> Mentions { get; } = [];

        public List<string> Names { get; } = [];

        public List<string> Roles { get; } = [];

        public int LastSentence { get; set; } = -1;

        public int LastStart { get; set; } = -1;

        public bool FullName { get; set; }

        public string? Canonical { get; set; }

        public int Index { get; set; }
    }

    /// <summary>A mention found, before its entity is known: the <see cref="EntityMention"/> is made once at the end.</summary>
    private readonly record struct Pending(int Start, int End, string Text, MentionKind Kind, string? Role, int Sentence, bool Contributor);

    public EntityLayer Resolve(Article article, TextLayer layer, IReadOnlyList<NameSpan> names)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(names);
        var text = article.Text;
        var credit = CreditSentences(article, layer);
        var contributors = article.Contributors.Select(PersonNames.Key).ToHashSet(StringComparer.Ordinal);
        if (article.Byline is { Length: > 0 } by)
        {
            contributors.Add(PersonNames.Key(by));
        }

        names = Refine(text, AddSurnames(text, layer, names));
        var mentions = new List<Pending>();
        var groups = new List<Group>();
        var groupOf = new List<Group?>();

        // Every mention candidate in text order: names, then pronouns and role nouns.
        var items = new List<(int Start, NameSpan? Name, int Token)>();
        items.AddRange(names.Select(n => (n.Start, (NameSpan?)n, -1)));
        for (var s = 0; s < layer.Sentences.Count; s++)
        {
            var sent = layer.Sentences[s];
            for (var k = sent.FirstToken; k < sent.FirstToken + sent.TokenCount; k++)
            {
                var w = layer.Tokens[k].Of(text);
                if (w is "he" or "He" or "she" or "She" || IsRoleNominal(text, layer, sent, k))
                {
                    if (!names.Any(n => n.FirstToken <= k && k < n.EndToken))
                    {
                        items.Add((layer.Tokens[k].Start, null, k));
                    }
                }
            }
        }

        items.Sort((x, y) => x.Start.CompareTo(y.Start));
        var compass = CompassCountries(text, names);
        var fullNames = names.Where(n => n.Type == EntityType.Person && n.EndToken - n.FirstToken >= 2).ToList();
        foreach (var (_, name, token) in items)
        {
            if (name is not null)
            {
                var surface = text[name.Start..name.End];
                var isCredit = credit.Contains(name.Sentence) || (name.Type == EntityType.Person && contributors.Contains(PersonNames.Key(surface))) || IsParenthesisedCredit(text, layer, name, surface);
                var (group, kind) = CompassMention(name, surface, compass, groups, text) ?? Place(name, surface, groups, fullNames, text, layer);
                group.Mentions.Add(mentions.Count);
                group.LastSentence = name.Sentence;
                group.LastStart = name.Start;
                if (kind == MentionKind.Name)
                {
                    group.Names.Add(surface);
                }

                group.Votes[(int)name.Type]++;

                if (name.Role is { } r && !group.Roles.Contains(r, StringComparer.OrdinalIgnoreCase))
                {
                    group.Roles.Add(r);
                }

                mentions.Add(new Pending(name.Start, name.End, surface, kind, name.Role, name.Sentence, isCredit));
                groupOf.Add(group);
                continue;
            }

            // Pronoun or "the <role>": the latest person (with that role), from this or the two previous sentences.
            var t = layer.Tokens[token];
            var sentence = SentenceOf(layer, token);
            var word = t.Of(text).ToString();
            var pronoun = word is "he" or "He" or "she" or "She";
            var target = pronoun
                ? SubjectBefore(groups, mentions, sentence, t.Start)
                : groups
                    .Where(g => g.Type == EntityType.Person && g.LastStart >= 0 && g.LastStart < t.Start && sentence - g.LastSentence <= 2)
                    .Where(g => g.Roles.Any(r => r.EndsWith(word, StringComparison.OrdinalIgnoreCase)))
                    .Where(g => !g.Mentions.All(m => mentions[m].Contributor))
                    .MaxBy(g => g.LastStart);
            if (target is null)
            {
                continue;
            }

            var start = pronoun ? t.Start : layer.Tokens[token - 1].Start;
            target.Mentions.Add(mentions.Count);
            target.LastSentence = sentence;
            target.LastStart = t.Start;
            mentions.Add(new Pending(start, t.End, text[start..t.End], pronoun ? MentionKind.Pronoun : MentionKind.Nominal, null, sentence, credit.Contains(sentence)));
            groupOf.Add(target);
        }

        // Number the entities in order of first mention; pick each one's best name.
        var ordered = groups.Where(g => g.Mentions.Count > 0).OrderBy(g => g.Mentions.Min()).ToList();
        var entities = new List<ArticleEntity>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var g = ordered[i];
            g.Index = i;
            var aliases = g.Names.Distinct(StringComparer.Ordinal).ToList();
            var name = g.Canonical ?? BestName(g.Names) ?? mentions[g.Mentions[0]].Text;
            var isContributor = g.Mentions.All(m => mentions[m].Contributor);
            if (g.Type != EntityType.Person && g.Canonical is null && MostVoted(g.Votes) is { } voted)
            {
                g.Type = voted;
            }
            entities.Add(new ArticleEntity(i, name, g.Type, aliases, [.. g.Roles], isContributor));
        }

        var result = new List<EntityMention>(mentions.Count);
        for (var m = 0; m < mentions.Count; m++)
        {
            var p = mentions[m];
            result.Add(new EntityMention { Start = p.Start, End = p.End, Text = p.Text, Type = groupOf[m]!.Type, Kind = p.Kind, Role = p.Role, Cluster = groupOf[m]!.Index, IsContributor = p.Contributor });
        }

        return new EntityLayer(result, entities);
    }

    private (Group Group, MentionKind Kind) Place(NameSpan name, string surface, List<Group> groups, List<NameSpan> fullNames, string text, TextLayer layer)
    {
        var kind = MentionKind.Name;
        var type = name.Type;
        var stripped = StripThe(surface);
        if (type == EntityType.Person && (_lexicon.Metonyms.ContainsKey(stripped) || _lexicon.Aliases.ContainsKey(stripped)))
        {
            type = EntityType.Location;
        }
        string key;
        string? canonical = null;
        if (type != EntityType.Person && _lexicon.Metonyms.TryGetValue(stripped, out var country) && ActsAt(text, layer, name))
        {
            kind = MentionKind.Metonym;
            canonical = country;
            type = EntityType.Location;
            key = "place:" + country.ToLowerInvariant();
        }
        else if (type != EntityType.Person && _lexicon.Aliases.TryGetValue(stripped, out var alias))
        {
            canonical = alias.Name;
            type = alias.Type switch { "organization" => EntityType.Organization, "place" => EntityType.Location, "person" => EntityType.Person, _ => type };
            key = TypeKey(type) + alias.Name.ToLowerInvariant();
        }
        else
        {
            key = type == EntityType.Person ? "person:" + PersonNames.Key(surface) : "thing:" + _lexicon.ThingKey(surface, organization: true);
        }

        if (type == EntityType.Person)
        {
            var parts = PersonNames.SharedParts(surface);
            if (parts.Length >= 2 && surface.Contains(' ', StringComparison.Ordinal))
            {
                var same = groups.FirstOrDefault(g => g.Type == EntityType.Person && g.FullName && g.Names.Any(n => PersonNames.SamePerson(n, surface, _lexicon)));
                if (same is not null)
                {
                    return (same, kind);
                }

                var g = new Group { Key = key, Type = type, FullName = true };
                groups.Add(g);
                return (g, kind);
            }

            // A lone name: the most salient earlier person containing it, else the nearest later full name.
            var part = parts.Length == 1 ? parts[0] : PersonNames.Key(surface);
            var candidates = groups.Where(g => g.Type == EntityType.Person && g.FullName && g.Names.Any(n => HasPart(n, part))).ToList();
            if (candidates.Count > 0)
            {
                var best = candidates.MaxBy(g => Salience(g, name.Sentence))!;
                return (best, kind);
            }

            var later = fullNames.FirstOrDefault(f => f.Start > name.Start && HasPart(text[f.Start..f.End], part));
            if (later is not null)
            {
                var laterSurface = text[later.Start..later.End];
                var existing = groups.FirstOrDefault(g => g.Type == EntityType.Person && g.FullName && g.Names.Any(n => PersonNames.SamePerson(n, laterSurface, _lexicon)));
                if (existing is not null)
                {
                    return (existing, kind);
                }

                var created = new Group { Key = "person:" + PersonNames.Key(laterSurface), Type = type, FullName = true };
                created.Names.Add(laterSurface);
                groups.Add(created);
                return (created, kind);
            }
        }

        var found = WithKey(groups, key) ?? (canonical is null ? ShortFormOf(surface, type, groups) : null);
        if (found is null)
        {
            found = new Group { Key = key, Type = type, Canonical = canonical };
            groups.Add(found);
        }

        return (found, kind);
    }

    /// <summary>The type most mentions were tagged with (the first type on a tie), or null when only one type was.</summary>
    private static EntityType? MostVoted(int[] votes)
    {
        var types = 0;
        var best = 0;
        for (var t = 0; t < votes.Length; t++)
        {
            if (votes[t] > 0)
            {
                types++;
                best = votes[t] > votes[best] ? t : best;
            }
        }

        return types > 1 ? (EntityType)best : null;
    }

    /// <summary>The first group with a key.</summary>
    private static Group? WithKey(List<Group> groups, string key)
    {
        foreach (var g in groups)
        {
            if (g.Key == key)
            {
                return g;
            }
        }

        return null;
    }

    /// <summary>
    /// "North"/"South" for a two-word place of the article that begins with that word ("North Korea"), when it is the only
    /// such place there; the mention must follow "the" ("arms transfers between the North and Russia").
    /// </summary>
    private static Dictionary<string, string>? CompassCountries(string text, IReadOnlyList<NameSpan> names)
    {
        Dictionary<string, string>? result = null;
        HashSet<string>? ambiguous = null;
        foreach (var n in names)
        {
            if (n.Type != EntityType.Location || n.EndToken - n.FirstToken != 2)
            {
                continue;
            }

            var surface = text[n.Start..n.End];
            var space = surface.IndexOf(' ', StringComparison.Ordinal);
            var first = space > 0 ? surface[..space] : "";
            if (first is not ("North" or "South"))
            {
                continue;
            }

            result ??= new(StringComparer.Ordinal);
            if (result.TryGetValue(first, out var known) && known != surface)
            {
                (ambiguous ??= new(StringComparer.Ordinal)).Add(first);
            }

            result[first] = surface;
        }

        if (ambiguous is not null)
        {
            foreach (var a in ambiguous)
            {
                result!.Remove(a);
            }
        }

        return result;
    }

    /// <summary>"the North" standing for the article's "North Korea": a metonym mention of that place's entity.</summary>
    private (Group Group, MentionKind Kind)? CompassMention(NameSpan name, string surface, Dictionary<string, string>? compass, List<Group> groups, string text)
    {
        if (compass is null || name.Type == EntityType.Person || !compass.TryGetValue(surface, out var place))
        {
            return null;
        }

        var before = text.AsSpan(0, name.Start).TrimEnd();
        if (!before.EndsWith("the", StringComparison.OrdinalIgnoreCase) || (before.Length > 3 && char.IsLetter(before[^4])))
        {
            return null;
        }

        var same = groups.FirstOrDefault(g => g.Type == EntityType.Location && (g.Canonical == place || g.Names.Contains(place)));
        if (same is null)
        {
            string key;
            string? canonical = null;
            if (_lexicon.Aliases.TryGetValue(place, out var alias))
            {
                canonical = alias.Name;
                key = TypeKey(EntityType.Location) + alias.Name.ToLowerInvariant();
            }
            else
            {
                key = "thing:" + _lexicon.ThingKey(place, organization: true);
            }

            same = WithKey(groups, key);
            if (same is null)
            {
                same = new Group { Key = key, Type = EntityType.Location, Canonical = canonical };
                same.Names.Add(place);
                groups.Add(same);
            }
        }

        return (same, MentionKind.Metonym);
    }

    /// <summary>
    /// A short form of an organisation named earlier in the article: its acronym ("General Motors ... GM") or, for a
    /// lone word that is not a place, its first word ("Apple Computer ... Apple"); only when one organisation fits.
    /// </summary>
    private static Group? ShortFormOf(string surface, EntityType type, List<Group> groups)
    {
        if (type is EntityType.Person or EntityType.Location || surface.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        List<Group> fits;
        if (EntityLexicon.IsAcronym(surface))
        {
            var letters = surface.Replace(".", "", StringComparison.Ordinal);
            fits = [.. groups.Where(g => g.Type != EntityType.Person && g.Names.Any(n => EntityLexicon.Initials(n) == letters))];
        }
        else
        {
            var word = PersonNames.Key(surface);
            fits = [.. groups.Where(g => g.Type == EntityType.Organization && g.Names.Any(n => n.Contains(' ', StringComparison.Ordinal) && PersonNames.SharedParts(n)[0] == word))];
        }

        return fits.Count == 1 ? fits[0] : null;
    }

    /// <summary>
    /// One sense per article, for names the tagger missed in some places: a person's surname alone after the full
    /// name ("Steve Jobs ... Jobs said", a surname that is also a common word), and an acronym tagged elsewhere in
    /// the article ("GM remains open" where "GM" was tagged once) are mentions too.
    /// </summary>
    private static IReadOnlyList<NameSpan> AddSurnames(string text, TextLayer layer, IReadOnlyList<NameSpan> names)
    {
        var first = new Dictionary<string, (int After, EntityType Type)>(StringComparer.Ordinal);
        foreach (var n in names)
        {
            if (n.Type == EntityType.Person && n.EndToken - n.FirstToken >= 2)
            {
                var last = layer.Tokens[n.EndToken - 1].Of(text).ToString();
                if (last.Length > 1 && char.IsUpper(last[0]) && !first.ContainsKey(last))
                {
                    first[last] = (n.EndToken, EntityType.Person);
                }
            }
            else if (n.Type != EntityType.Person && n.EndToken - n.FirstToken == 1 && text[n.Start..n.End] is var word && EntityLexicon.IsAcronym(word) && word.Length > 1 && !first.ContainsKey(word))
            {
                first[word] = (0, n.Type);
            }
        }

        if (first.Count == 0)
        {
            return names;
        }

        var covered = new bool[layer.Tokens.Count];
        foreach (var n in names)
        {
            for (var k = n.FirstToken; k < n.EndToken; k++)
            {
                covered[k] = true;
            }
        }

        // Each token looked up as written, without making its string.
        var firstBySpan = first.GetAlternateLookup<ReadOnlySpan<char>>();
        List<NameSpan>? added = null;
        for (var s = 0; s < layer.Sentences.Count; s++)
        {
            var sent = layer.Sentences[s];
            for (var k = sent.FirstToken; k < sent.FirstToken + sent.TokenCount; k++)
            {
                if (covered[k] || !firstBySpan.TryGetValue(layer.Tokens[k].Of(text), out var known) || k < known.After)
                {
                    continue;
                }

                // Not part of a longer capitalised run (another name the tagger missed).
                var next = k + 1 < layer.Tokens.Count ? layer.Tokens[k + 1].Of(text) : "";
                var prev = k > sent.FirstToken ? layer.Tokens[k - 1].Of(text) : "";
                if ((next.Length > 0 && char.IsUpper(next[0])) || (prev.Length > 0 && char.IsUpper(prev[0]) && k - 1 > sent.FirstToken))
                {
                    continue;
                }

                added ??= [.. names];
                added.Add(new NameSpan(s, k, k + 1, layer.Tokens[k].Start, layer.Tokens[k].End, known.Type, null));
            }
        }

        return added is null ? names : [.. added.OrderBy(n => n.Start)];
    }

    /// <summary>
    /// One sense per article: a lone word that is part of a person's full name here is that person ("Putin"
    /// tagged as a place); a two-word name made of two other people's names is split ("Kim Putin vowed").
    /// </summary>
    private List<NameSpan> Refine(string text, IReadOnlyList<NameSpan> names)
    {
        var full = names.Where(n => n.Type == EntityType.Person && n.EndToken - n.FirstToken >= 2).Select(n => PersonNames.SharedParts(text[n.Start..n.End])).ToList();
        var firsts = full.Where(p => p.Length >= 2).Select(p => p[0]).ToHashSet(StringComparer.Ordinal);
        var lasts = full.Where(p => p.Length >= 2).Select(p => p[^1]).ToHashSet(StringComparer.Ordinal);
        var lastWords = names.Where(n => n.Type == EntityType.Person && n.EndToken - n.FirstToken >= 2)
            .Select(n => PersonNames.Key(text[n.Start..n.End].Split(' ')[^1])).ToHashSet(StringComparer.Ordinal);
        // Both tables are needed only by some names; built when first asked for.
        var otherTypes = new Lazy<Dictionary<string, EntityType>>(() => names.Where(n => n.Type is EntityType.Location or EntityType.Organization)
            .GroupBy(n => text[n.Start..n.End], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(n => n.Type).OrderByDescending(t => t.Count()).ThenBy(t => t.Key).First().Key, StringComparer.Ordinal), LazyThreadSafetyMode.None);
        var fullSurfaces = new Lazy<Dictionary<string, int>>(() => names.Where(n => n.Type == EntityType.Person && n.EndToken - n.FirstToken is 2 or 3)
            .GroupBy(n => text[n.Start..n.End], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().EndToken - g.First().FirstToken, StringComparer.Ordinal), LazyThreadSafetyMode.None);
        var result = new List<NameSpan>(names.Count);
        foreach (var raw in names)
        {
            var n = raw;
            if (n.EndToken - n.FirstToken >= 4 && fullSurfaces.Value.Keys.FirstOrDefault(f => StartsWithWord(text.AsSpan(n.Start, n.End - n.Start), f)) is { } prefix)
            {
                // A title-case headline read as one long name: "Lindsay Lohan Checks Into Betty Ford Rehab" where the
                // article names "Lindsay Lohan" on its own.
                n = n with { EndToken = n.FirstToken + fullSurfaces.Value[prefix], End = n.Start + prefix.Length, Type = EntityType.Person };
            }

            var surface = text[n.Start..n.End];
            var parts = PersonNames.SharedParts(surface);
            if (n.Type != EntityType.Organization && _lexicon.Outlets.Contains(surface))
            {
                result.Add(n with { Type = EntityType.Organization, Role = null });
                continue;
            }

            if (n.Type == EntityType.Person && (_lexicon.Metonyms.ContainsKey(StripThe(surface)) || _lexicon.Aliases.ContainsKey(StripThe(surface))))
            {
                result.Add(n with { Type = EntityType.Location, Role = null });
                continue;
            }

            if (EntityLexicon.IsAcronym(surface) && AbbreviatesCommonNoun(text, n.Start, surface))
            {
                // "an intercontinental ballistic missile, or ICBM": the short form of a common noun is no name.
                continue;
            }

            if (n.Type != EntityType.Organization && n.Role is null && !(n.Type == EntityType.Person && n.EndToken - n.FirstToken == 1 && parts.Any(p => firsts.Contains(p) || lasts.Contains(p)))
                && HasOrganizationCue(text, n))
            {
                result.Add(n with { Type = EntityType.Organization });
                continue;
            }

            if (n.Type == EntityType.Organization && n.EndToken - n.FirstToken >= 2 && surface.LastIndexOf(' ') is var sp and > 0
                && _lexicon.PlaceLastWords.Contains(surface[(sp + 1)..]) && !_lexicon.StreetWords.Contains(surface[(sp + 1)..]) && surface.Split(' ').All(w => char.IsUpper(w[0]))
                && !surface.Split(' ').Any(w => _lexicon.OrgSuffixes.Contains(w) || _lexicon.CompanySuffixes.Contains(w.TrimEnd('.').ToLowerInvariant())))
            {
                // An organisation-typed name ending in a place word is a place: "the Korean Peninsula" (not "Bank of
                // Dade County").
                result.Add(n with { Type = EntityType.Location });
                continue;
            }

            if (n.Type == EntityType.Person && n.Role is null && NotAPerson(text, n, surface, parts, firsts, lasts, otherTypes) is { } retyped)
            {
                result.Add(n with { Type = retyped });
                continue;
            }

            if (n.Type != EntityType.Person && n.EndToken - n.FirstToken == 1 && ((parts.Length == 1 && lasts.Contains(parts[0])) || lastWords.Contains(PersonNames.Key(surface)))
                && !_lexicon.Metonyms.ContainsKey(surface) && !_lexicon.Aliases.ContainsKey(surface))
            {
                result.Add(n with { Type = EntityType.Person });
                continue;
            }

            if (n.Type == EntityType.Person && n.EndToken - n.FirstToken == 2 && parts.Length == 2 && firsts.Contains(parts[0]) && lasts.Contains(parts[1])
                && full.Count(p => p.SequenceEqual(parts)) == 1 && _lexicon.KoreanSurnames.Contains(surface.Split(' ')[0]) && !PersonNames.IsKorean(surface, _lexicon))
            {
                var cut = text.IndexOf(' ', n.Start);
                var second = cut + 1;
                result.Add(n with { EndToken = n.FirstToken + 1, End = cut });
                result.Add(n with { FirstToken = n.FirstToken + 1, Start = second, Role = null });
                continue;
            }

            result.Add(n);
        }

        return result;
    }

    /// <summary>
    /// The type of a name the tagger read as a person that is not one: a place when it begins or ends with a place
    /// word ("Port Alder", "Olm River") or follows a place cue ("the town of Vessa", "the regional capital Port
    /// Alder"); for a lone word not part of anyone's full name here, the type it has elsewhere in the article (one
    /// sense per article). Null when nothing says so.
    /// </summary>
    private EntityType? NotAPerson(string text, NameSpan n, string surface, string[] parts, HashSet<string> firsts, HashSet<string> lasts, Lazy<Dictionary<string, EntityType>> others)
    {
        // The words between spaces, as spans: several when a space is left after trimming, the first before it, the last after the last.
        var words = surface.AsSpan().Trim(' ');
        var space = words.IndexOf(' ');
        if (space > 0 && (_lexicon.PlaceFirstWordLookup.Contains(words[..space]) || _lexicon.PlaceLastWordLookup.Contains(words[(words.LastIndexOf(' ') + 1)..])))
        {
            return EntityType.Location;
        }

        // The 24 characters before the name, trimmed and lower-cased in place.
        var raw = text.AsSpan(Math.Max(0, n.Start - 24), n.Start - Math.Max(0, n.Start - 24)).TrimEnd();
        Span<char> buffer = stackalloc char[24];
        ReadOnlySpan<char> before = buffer[..raw.ToLowerInvariant(buffer)];
        foreach (var cue in _lexicon.PlaceCues)
        {
            if (before.EndsWith(cue, StringComparison.Ordinal) && (before.Length == cue.Length || !char.IsLetter(before[^(cue.Length + 1)])))
            {
                return EntityType.Location;
            }
        }

        return words.Length > 0 && space < 0 && parts.Length == 1 && others.Value.TryGetValue(surface, out var type) && !firsts.Contains(parts[0]) && !lasts.Contains(parts[0])
            ? type
            : null;
    }

    /// <summary>
    /// Whether the text says a name is an organisation: a lower-case organisation noun right before it ("the Russian
    /// mercenary group Wagner", "the think tank Chatham House") or ending an apposition right after it ("Chatham House,
    /// a London-based think-tank."), with at most three describing words and no preposition or clause between.
    /// </summary>
    private bool HasOrganizationCue(string text, NameSpan n)
    {
        var before = text.AsSpan(Math.Max(0, n.Start - 24), n.Start - Math.Max(0, n.Start - 24));
        if (before.Length > 0 && before[^1] == ' ')
        {
            before = before[..^1];
            foreach (var cue in _lexicon.OrgCues)
            {
                if (before.EndsWith(cue, StringComparison.Ordinal) && (before.Length == cue.Length || before[^(cue.Length + 1)] == ' '))
                {
                    // Not "chairman of the firm Gordon Wu": after "of" the name is the head's.
                    var lead = before[..^cue.Length].TrimEnd();
                    return !(lead.EndsWith(" of", StringComparison.Ordinal) || lead.EndsWith(" of the", StringComparison.Ordinal) || lead.EndsWith(" of a", StringComparison.Ordinal));
                }
            }
        }

        if (n.Type == EntityType.Person && n.EndToken - n.FirstToken > 1)
        {
            // A person's full name is not retyped by an apposition ("Mario Gabelli, a New York investment firm's head").
            return false;
        }

        // Apposition: ", a/an/the" + up to three words + cue, then punctuation.
        var after = text.AsSpan(n.End, Math.Min(80, text.Length - n.End));
        if (!after.StartsWith(", ", StringComparison.Ordinal))
        {
            return false;
        }

        after = after[2..];
        var stop = after.IndexOfAny(",;:)\n");
        var dot = after.IndexOf(". ", StringComparison.Ordinal);
        if (after.EndsWith(".", StringComparison.Ordinal) && n.End + 2 + after.Length == text.Length)
        {
            dot = dot < 0 ? after.Length - 1 : dot;
        }

        if (dot >= 0 && (stop < 0 || dot < stop))
        {
            stop = dot;
        }

        if (stop <= 0)
        {
            return false;
        }

        var words = after[..stop].TrimEnd('.').ToString().Split(' ');
        if (words.Length < 2 || words[0] is not ("a" or "an" or "the"))
        {
            return false;
        }

        for (var take = 1; take <= 2 && take < words.Length; take++)
        {
            var cue = string.Join(' ', words.Skip(words.Length - take));
            var between = words.Skip(1).Take(words.Length - 1 - take).ToList();
            if (_lexicon.OrgCues.Contains(cue) && between.Count <= 3 && !between.Any(w => ClauseWords.Contains(w) || _lexicon.Roles.Contains(w.ToLowerInvariant())))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether an acronym is introduced as the short form of the lower-case words right before it: "an intercontinental
    /// ballistic missile, or ICBM", "gross domestic product (GDP)".
    /// </summary>
    private static bool AbbreviatesCommonNoun(string text, int start, string acronym)
    {
        var before = text.AsSpan(0, start).TrimEnd();
        if (before.EndsWith("(", StringComparison.Ordinal))
        {
            before = before[..^1].TrimEnd();
        }
        else if (before.EndsWith(", or", StringComparison.Ordinal))
        {
            before = before[..^4];
        }
        else
        {
            return false;
        }

        // The shortest run of lower-case words ending there that spells the letters in order, the first letter
        // starting the run's first word (Schwartz and Hearst's matching), of two or more words each beginning with
        // one of the letters in order.
        var letters = acronym.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();
        var words = before[Math.Max(0, before.Length - 120)..].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var k = 1; k <= Math.Min(letters.Length + 2, words.Length); k++)
        {
            var run = words[^k..];
            if (!run.All(w => w.All(c => char.IsAsciiLetterLower(c) || c == '-')))
            {
                return false;
            }

            if (run[0][0] == letters[0] && k >= Math.Max(2, letters.Length - 1) && InitialsInOrder(run, letters) && Spells(string.Join(' ', run), letters))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every word of the run begins with a letter of the acronym, in order ("Dow Jones industrial average (INDU)" does not).</summary>
    private static bool InitialsInOrder(string[] run, string letters)
    {
        var at = 0;
        foreach (var w in run)
        {
            at = letters.IndexOf(w[0], at);
            if (at < 0)
            {
                return false;
            }

            at++;
        }

        return true;
    }

    private static bool Spells(string longForm, string letters)
    {
        var s = longForm.Length - 1;
        for (var i = letters.Length - 1; i >= 0; i--)
        {
            while (s >= 0 && (longForm[s] != letters[i] || (i == 0 && s > 0 && char.IsLetter(longForm[s - 1]))))
            {
                s--;
            }

            if (s < 0)
            {
                return false;
            }

            s--;
        }

        return true;
    }

    private static readonly HashSet<string> ClauseWords = new(StringComparer.Ordinal)
    {
        "of", "for", "in", "with", "at", "from", "to", "and", "or", "who", "which", "that", "by", "on", "as", "is", "was",
    };

    /// <summary>Whether a text starts with a phrase and a space.</summary>
    private static bool StartsWithWord(ReadOnlySpan<char> text, string phrase) =>
        text.Length > phrase.Length && text[phrase.Length] == ' ' && text.StartsWith(phrase, StringComparison.Ordinal);

    private bool IsParenthesisedCredit(string text, TextLayer layer, NameSpan name, string surface) =>
        _lexicon.Outlets.Contains(surface) && name.FirstToken > 0 && name.EndToken < layer.Tokens.Count
        && layer.Tokens[name.FirstToken - 1].Of(text) is "(" && layer.Tokens[name.EndToken].Of(text) is ")";

    /// <summary>
    /// The person "he"/"she" most likely refers to: in the latest sentence (this one or up to two before) that
    /// names a person before the pronoun, the person named first there (the usual subject).
    /// </summary>
    private static Group? SubjectBefore(List<Group> groups, List<Pending> mentions, int sentence, int before)
    {
        Group? best = null;
        var bestSentence = -1;
        var bestStart = int.MaxValue;
        foreach (var g in groups)
        {
            if (g.Type != EntityType.Person)
            {
                continue;
            }

            foreach (var m in g.Mentions)
            {
                var mention = mentions[m];
                var s = mention.Sentence;
                if (mention.Contributor || mention.Start >= before || sentence - s > 2 || mention.Kind == MentionKind.Pronoun)
                {
                    continue;
                }

                if (s > bestSentence || (s == bestSentence && mention.Start < bestStart))
                {
                    best = g;
                    bestSentence = s;
                    bestStart = mention.Start;
                }
            }
        }

        return best;
    }

    /// <summary>Whether a full name has a lone name as one of its parts, or as its last word ("Adeyemi-Roth").</summary>
    private static bool HasPart(string fullName, string part) =>
        PersonNames.SharedParts(fullName).Contains(part) || PersonNames.LastWordKey(fullName) == part;

    private static double Salience(Group g, int sentence)
    {
        var recent = sentence - g.LastSentence <= 1 ? 100 : 0;
        return recent + g.Mentions.Count;
    }

    private static string TypeKey(EntityType t) => t switch
    {
        EntityType.Person => "person:",
        EntityType.Organization => "org:",
        EntityType.Location => "place:",
        _ => "other:",
    };

    private static string StripThe(string s) => s.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? s[4..] : s;

    /// <summary>A place acts when a verb of saying or doing, or a possessive, follows it.</summary>
    private bool ActsAt(string text, TextLayer layer, NameSpan name)
    {
        var next = name.EndToken;
        if (next >= layer.Tokens.Count)
        {
            return false;
        }

        var w = EntityRecognizer.Word(text, layer.Tokens[next]);
        return w is "'s" || _lexicon.ActorVerbs.Contains(w.ToLowerInvariant());
    }

    private bool IsRoleNominal(string text, TextLayer layer, Sentence sent, int k)
    {
        if (k == sent.FirstToken)
        {
            return false;
        }

        var w = layer.Tokens[k].Of(text);
        if (w.Length == 0 || !char.IsLower(w[0]) || !_lexicon.RoleLookup.Contains(w))
        {
            return false;
        }

        var prev = layer.Tokens[k - 1].Of(text);
        var next = k + 1 < sent.FirstToken + sent.TokenCount ? layer.Tokens[k + 1].Of(text) : "";
        return prev is "the" or "The" && !(next.Length > 0 && char.IsUpper(next[0]));
    }

    private static int SentenceOf(TextLayer layer, int token)
    {
        var lo = 0;
        var hi = layer.Sentences.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (layer.Sentences[mid].FirstToken <= token)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private HashSet<int> CreditSentences(Article article, TextLayer layer)
    {
        var set = new HashSet<int>();
        var text = article.Text;
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            // The text lower-cased once: each sentence's lower case is its slice.
            var lower = buffer.AsSpan(0, text.Length);
            text.AsSpan().ToLowerInvariant(lower);
            for (var s = 0; s < layer.Sentences.Count; s++)
            {
                var span = layer.Sentences[s].Span;
                if (lower[span.Start..span.End].ContainsAny(_lexicon.CreditSearch))
                {
                    set.Add(s);
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }

        return set;
    }

    private static string? BestName(List<string> names)
    {
        // Several words first (not written in capitals, as a headline writes them: "TOMAS BERG" is "Tomas Berg"), then the
        // most often written, then the first written.
        string? best = null;
        int bestWords = -1, bestCount = -1;
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (names.IndexOf(name) != i)
            {
                continue;
            }

            var count = 0;
            foreach (var other in names)
            {
                count += other == name ? 1 : 0;
            }

            var words = !name.Contains(' ', StringComparison.Ordinal) ? 0 : Ner.NerFeatures.IsAllUpper(name) ? 1 : 2;
            if (words > bestWords || (words == bestWords && count > bestCount))
            {
                (best, bestWords, bestCount) = (name, words, count);
            }
        }

        return best;
    }
}
