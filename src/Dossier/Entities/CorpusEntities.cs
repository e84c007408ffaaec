using Dossier.Analysis;
using Dossier.Text;

namespace Dossier.Entities;

/// <summary>An entity resolved across articles.</summary>
public sealed record CorpusEntity(string Name, EntityType Type, IReadOnlyList<string> Aliases, IReadOnlyList<string> Roles, IReadOnlyList<string> Articles, int Mentions);

/// <summary>The result of cross-article resolution: the entities, and for each (article, in-article entity index) its corpus entity.</summary>
public sealed record CorpusEntities(IReadOnlyList<CorpusEntity> Entities, IReadOnlyDictionary<(string Article, int Index), int> Of)
{
    /// <summary>The corpus entity name of an in-article entity, or null (contributors are not resolved).</summary>
    public string? NameOf(string article, int index) => Of.TryGetValue((article, index), out var e) ? Entities[e].Name : null;
}

/// <summary>
/// Resolves entities across articles: full person names by spelling variant (<see cref="PersonNames.SamePerson"/>:
/// hyphenation, diacritics, initials, Korean romanisation syllable by syllable, never a shared surname alone);
/// a lone name joins the one person in the corpus it can belong to, and stays apart when several can; other
/// entities by any of their names, compared without "the" and legal-form words ("Apple Inc." = "Apple"), and an
/// acronym with the one entity whose name it abbreviates. Contributors are left out.
/// </summary>
public sealed class CorpusResolver
{
    private readonly EntityLexicon _lexicon;

    public CorpusResolver(EntityLexicon? lexicon = null)
    {
        _lexicon = lexicon ?? EntityLexicon.Default;
    }

    public static CorpusResolver Default { get; } = new();

    public CorpusEntities Resolve(IEnumerable<(string Article, EntityLayer Layer)> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var items = new List<(string Article, ArticleEntity Entity, int Mentions)>();
        foreach (var (id, layer) in articles)
        {
            // Mentions per in-article entity (contributor mentions not counted).
            var counts = new int[layer.Entities.Count == 0 ? 0 : Math.Max(0, layer.Entities.Max(e => e.Index) + 1)];
            foreach (var m in layer.Mentions)
            {
                if (!m.IsContributor && m.Cluster >= 0 && m.Cluster < counts.Length)
                {
                    counts[m.Cluster]++;
                }
            }

            foreach (var e in layer.Entities)
            {
                if (!e.IsContributor)
                {
                    items.Add((id, e, e.Index >= 0 ? counts[e.Index] : layer.Mentions.Count(m => m.Cluster == e.Index && !m.IsContributor)));
                }
            }
        }

        var parent = Enumerable.Range(0, items.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        void Union(int a, int b) => parent[Find(a)] = Find(b);

        // The one group all the given items are in, or -1 when they are in several (none are given only when empty).
        int OnlyRoot(List<int> members)
        {
            var root = -1;
            foreach (var m in members)
            {
                var r = Find(m);
                if (root >= 0 && r != root)
                {
                    return -1;
                }

                root = r;
            }

            return root;
        }

        var fullNames = new string[items.Count][];
        var distinct = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            // A person's aliases then its name, those of two parts or more holding a space, each once (first seen first).
            var e = items[i].Entity;
            if (e.Type != EntityType.Person)
            {
                fullNames[i] = [];
                continue;
            }

            distinct.Clear();
            for (var k = 0; k <= e.Aliases.Count; k++)
            {
                var n = k < e.Aliases.Count ? e.Aliases[k] : e.Name;
                if (PersonNames.Parts(n).Length >= 2 && n.Contains(' ', StringComparison.Ordinal) && !distinct.Contains(n))
                {
                    distinct.Add(n);
                }
            }

            fullNames[i] = [.. distinct];
        }

        string[] Full(int i) => fullNames[i];

        // Persons with full names: compare within buckets of first and last name part.
        var buckets = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Entity.Type != EntityType.Person)
            {
                continue;
            }

            foreach (var n in Full(i))
            {
                // Names that can match share their last part, or (Korean) all their syllables.
                var p = PersonNames.Parts(n);
                var keys = PersonNames.IsKorean(n, _lexicon)
                    ? new[] { "l:" + p[^1], "k:" + string.Join(' ', p.Select(PersonNames.SyllableKey)) }
                    : ["l:" + _lexicon.FoldVariants(p[^1])];
                foreach (var key in keys)
                {
                    if (!buckets.TryGetValue(key, out var list))
                    {
                        buckets[key] = list = [];
                    }

                    if (list.Count == 0 || list[^1] != i)
                    {
                        list.Add(i);
                    }
                }
            }
        }

        foreach (var list in buckets.Values)
        {
            for (var x = 0; x < list.Count; x++)
            {
                for (var y = x + 1; y < list.Count; y++)
                {
                    if (Find(list[x]) == Find(list[y]))
                    {
                        continue;
                    }

                    var fx = Full(list[x]);
                    var fy = Full(list[y]);
                    if (fx.Any(a => fy.Any(b => PersonNames.SamePerson(a, b, _lexicon))))
                    {
                        Union(list[x], list[y]);
                    }
                }
            }
        }

        // Lone person names join the only full-name person they fit; other entities merge by name.
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var lonePersons = new List<int>();
        var nameKeys = new List<string>();
        var byPart = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Entity.Type != EntityType.Person)
            {
                continue;
            }

            foreach (var part in Full(i).SelectMany(n => PersonNames.Parts(n).Append(PersonNames.Key(n[(n.LastIndexOf(' ') + 1)..]))).Select(_lexicon.FoldVariants).Distinct(StringComparer.Ordinal))
            {
                if (!byPart.TryGetValue(part, out var list))
                {
                    byPart[part] = list = [];
                }

                list.Add(i);
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            var e = items[i].Entity;
            if (e.Type == EntityType.Person && Full(i).Length > 0)
            {
                continue;
            }

            if (e.Type == EntityType.Person)
            {
                var part = _lexicon.FoldVariants(PersonNames.Key(e.Name));
                var fits = byPart.TryGetValue(part, out var holders) ? OnlyRoot(holders) : -1;
                if (fits >= 0)
                {
                    Union(i, fits);
                    continue;
                }

                if (holders is null && PersonNames.Parts(e.Name).Length == 1)
                {
                    lonePersons.Add(i);
                }
            }

            // A person by its folded parts; anything else by each of its names (aliases, then the name), each key once.
            nameKeys.Clear();
            if (e.Type == EntityType.Person)
            {
                nameKeys.Add("person:" + string.Join(' ', PersonNames.SharedParts(e.Name).Select(_lexicon.FoldVariants)));
            }
            else
            {
                for (var k = 0; k <= e.Aliases.Count; k++)
                {
                    var key = "thing:" + _lexicon.ThingKey(k < e.Aliases.Count ? e.Aliases[k] : e.Name, organization: true);
                    if (!nameKeys.Contains(key))
                    {
                        nameKeys.Add(key);
                    }
                }
            }

            foreach (var key in nameKeys)
            {
                if (byName.TryGetValue(key, out var other))
                {
                    Union(i, other);
                }
                else
                {
                    byName[key] = i;
                }
            }
        }

        // A lone "person" name no person in the corpus can have that names a place or organisation elsewhere is
        // that place or organisation (the tagger's reading of an unfamiliar place name: "reached Vessa").
        foreach (var i in lonePersons)
        {
            if (byName.TryGetValue("thing:" + _lexicon.ThingKey(items[i].Entity.Name, organization: true), out var thing))
            {
                Union(i, thing);
            }
        }

        // An acronym joins the one entity whose name it abbreviates ("GM" = "General Motors"), none when several fit.
        var byInitials = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var e = items[i].Entity;
            if (e.Type == EntityType.Person)
            {
                continue;
            }

            foreach (var n in e.Aliases.Append(e.Name))
            {
                if (EntityLexicon.Initials(n) is { } initials)
                {
                    if (!byInitials.TryGetValue(initials, out var list))
                    {
                        byInitials[initials] = list = [];
                    }

                    list.Add(i);
                }
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            var e = items[i].Entity;
            if (e.Type == EntityType.Person)
            {
                continue;
            }

            foreach (var n in e.Aliases.Append(e.Name).Where(EntityLexicon.IsAcronym))
            {
                if (byInitials.TryGetValue(n.Replace(".", "", StringComparison.Ordinal), out var list) && OnlyRoot(list) is var fits and >= 0)
                {
                    Union(i, fits);
                }
            }
        }

        var shortNames = JoinShortOrganisationNames(items, Find, Union);

        // The groups in order of their first item, each item in order (as grouping by root does).
        var groups = new List<List<int>>();
        var groupOfRoot = new Dictionary<int, int>();
        for (var i = 0; i < items.Count; i++)
        {
            var root = Find(i);
            if (!groupOfRoot.TryGetValue(root, out var at))
            {
                groupOfRoot[root] = at = groups.Count;
                groups.Add(new List<int>(1));
            }

            groups[at].Add(i);
        }

        var entities = new List<CorpusEntity>(groups.Count);
        var of = new Dictionary<(string, int), int>(items.Count);
        foreach (var g in groups
            .OrderByDescending(g => g.Count == 1 ? 1 : g.Select(i => items[i].Article).Distinct(StringComparer.Ordinal).Count())
            .ThenByDescending(g => g.Count == 1 ? items[g[0]].Mentions : g.Sum(i => items[i].Mentions))
            .ThenBy(g => items[g[0]].Entity.Name, StringComparer.Ordinal))
        {
            if (g.Count == 1)
            {
                // One entity of one article: its own name, type, names and roles (what the rules below give a group of one).
                var (article, one, mentions) = items[g[0]];
                of[(article, one.Index)] = entities.Count;
                entities.Add(new CorpusEntity(one.Name, one.Type, OtherNames(one.Aliases, one.Name), MostSpecific(one.Roles), [article], mentions));
                continue;
            }

            var names = g.SelectMany(i => items[i].Entity.Aliases.Append(items[i].Entity.Name)).ToList();
            var name = g.Select(i => items[i].Entity.Name)
                .GroupBy(n => n, StringComparer.Ordinal)
                .OrderByDescending(x => PersonNames.Parts(x.Key).Length >= 2 ? 1 : 0)
                .ThenBy(x => x.Key.Contains(' ', StringComparison.Ordinal) && Ner.NerFeatures.IsAllUpper(x.Key) ? 1 : 0) // "LA PAZ" of a dateline or headline is "La Paz"
                .ThenBy(x => shortNames.Contains(x.Key) ? 1 : 0)
                .ThenByDescending(x => x.Count())
                .ThenBy(x => x.Key, StringComparer.Ordinal)
                .First().Key;
            // A group with a full person name is a person; otherwise the type most of its mentions have, a place or
            // organisation over a lone "person" name on a tie.
            var type = g.Any(i => items[i].Entity.Type == EntityType.Person && Full(i).Length > 0)
                ? EntityType.Person
                : g.GroupBy(i => items[i].Entity.Type)
                    .OrderByDescending(x => x.Sum(i => Math.Max(1, items[i].Mentions)))
                    .ThenBy(x => x.Key == EntityType.Person ? 1 : 0)
                    .ThenBy(x => x.Key)
                    .First().Key;
            var entity = new CorpusEntity(
                name,
                type,
                OtherNames(names, name),
                MostSpecific(g.SelectMany(i => items[i].Entity.Roles)),
                [.. g.Select(i => items[i].Article).Distinct(StringComparer.Ordinal)],
                g.Sum(i => items[i].Mentions));
            foreach (var i in g)
            {
                of[(items[i].Article, items[i].Entity.Index)] = entities.Count;
            }

            entities.Add(entity);
        }

        return new CorpusEntities(entities, of);
    }

    /// <summary>An entity's names other than its name, each once, in ordinal order.</summary>
    private static string[] OtherNames(IReadOnlyList<string> aliases, string name)
    {
        if (aliases.Count == 0)
        {
            return [];
        }

        var set = new HashSet<string>(aliases.Count, StringComparer.Ordinal);
        foreach (var a in aliases)
        {
            if (a != name)
            {
                set.Add(a);
            }
        }

        var result = new string[set.Count];
        set.CopyTo(result);
        Array.Sort(result, StringComparer.Ordinal);
        return result;
    }

    /// <summary>
    /// An entity's distinct roles, without a role that ends another of them ("Prime Minister" beside "Veridian Prime
    /// Minister", "Governor" beside "Regional governor"): the longer one says the same and more.
    /// </summary>
    internal static IReadOnlyList<string> MostSpecific(IEnumerable<string> roles)
    {
        var distinct = roles.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return [.. distinct
            .Where(r => !distinct.Any(o => o.Length > r.Length + 1 && o[^(r.Length + 1)] == ' ' && o.EndsWith(r, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// A short organisation name of two or more words that ends a longer one ("Water Authority", "Veridian Water
    /// Authority") is that organisation when the longer one is the only organisation in the corpus with that ending,
    /// the short name is found in at most twice as many articles, and a person is named in an article of each: an
    /// article that drops the qualifier writes about the same people. Several organisations of that ending
    /// ("Central Bank": the Dutch and the Indonesian one) join none, nor does a generic name far more widespread than
    /// the one long name ("Supreme Court" in forty articles, "Texas Supreme Court" in two), unless every article of the
    /// short name names the qualifier too ("Pacific Fleet" in articles that each name "Russian").
    /// </summary>
    /// <returns>The short names joined to a longer one: the group is named by the longer one.</returns>
    private HashSet<string> JoinShortOrganisationNames(List<(string Article, ArticleEntity Entity, int Mentions)> items, Func<int, int> find, Action<int, int> union)
    {
        // Longer organisation names by each ending of two or more words ("water authority" for "veridian water authority").
        var byEnding = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var e = items[i].Entity;
            if (e.Type != EntityType.Organization)
            {
                continue;
            }

            foreach (var n in e.Aliases.Append(e.Name))
            {
                foreach (var ending in QualifiedEndings(n))
                {
                    if (!byEnding.TryGetValue(ending, out var list))
                    {
                        byEnding[ending] = list = [];
                    }

                    if (list.Count == 0 || list[^1] != i)
                    {
                        list.Add(i);
                    }
                }
            }
        }

        var joined = new HashSet<string>(StringComparer.Ordinal);
        if (byEnding.Count == 0)
        {
            return joined;
        }

        // The persons (with a full name) each article names, as their corpus groups.
        var persons = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Entity.Type == EntityType.Person && PersonNames.Parts(items[i].Entity.Name).Length >= 2)
            {
                if (!persons.TryGetValue(items[i].Article, out var set))
                {
                    persons[items[i].Article] = set = [];
                }

                set.Add(find(i));
            }
        }

        // For each group holding a short name: the groups of the longer names it ends, and its articles.
        var fits = new Dictionary<int, HashSet<int>>();
        var qualifiers = new HashSet<(int Short, int Long, string Qualifier)>();
        for (var i = 0; i < items.Count; i++)
        {
            var e = items[i].Entity;
            if (e.Type != EntityType.Organization)
            {
                continue;
            }

            var key = _lexicon.ThingKey(e.Name, organization: true);
            if (!key.Contains(' ', StringComparison.Ordinal) || !byEnding.TryGetValue(key, out var longer))
            {
                continue;
            }

            var root = find(i);
            foreach (var l in longer)
            {
                if (find(l) != root)
                {
                    if (!fits.TryGetValue(root, out var set))
                    {
                        fits[root] = set = [];
                    }

                    set.Add(find(l));
                    foreach (var n in items[l].Entity.Aliases.Append(items[l].Entity.Name))
                    {
                        var full = _lexicon.ThingKey(n, organization: true);
                        if (full.EndsWith(" " + key, StringComparison.Ordinal))
                        {
                            qualifiers.Add((root, find(l), full[..^(key.Length + 1)]));
                        }
                    }
                }
            }
        }

        // The articles of each group asked about below: the short names' groups and the longer names' groups they fit.
        var articlesOf = new Dictionary<int, HashSet<string>>();
        foreach (var (root, candidates) in fits)
        {
            articlesOf[root] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in candidates)
            {
                articlesOf[c] = new HashSet<string>(StringComparer.Ordinal);
            }
        }

        for (var i = 0; articlesOf.Count > 0 && i < items.Count; i++)
        {
            if (articlesOf.TryGetValue(find(i), out var articles))
            {
                articles.Add(items[i].Article);
            }
        }

        // The names (as compared) an article holds, to tell whether it names a qualifier ("Russian"): built only for the
        // articles asked about. An article's items are consecutive.
        var itemsOf = new Dictionary<string, (int First, int Last)>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            itemsOf[items[i].Article] = itemsOf.TryGetValue(items[i].Article, out var range) ? (range.First, i) : (i, i);
        }

        var namesCache = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string> NamesIn(string article)
        {
            if (!namesCache.TryGetValue(article, out var set))
            {
                namesCache[article] = set = new HashSet<string>(StringComparer.Ordinal);
                var (firstItem, lastItem) = itemsOf[article];
                for (var i = firstItem; i <= lastItem; i++)
                {
                    foreach (var n in items[i].Entity.Aliases.Append(items[i].Entity.Name))
                    {
                        set.Add(_lexicon.ThingKey(n, organization: false));
                    }
                }
            }

            return set;
        }

        var joins = new List<(int Short, int Long)>();
        foreach (var (root, candidates) in fits)
        {
            // One organisation of that ending in the corpus; the short name not far more widespread than it (a generic
            // "Supreme Court" in forty articles is not the one state court named in two); a person named with both.
            if (candidates.Count != 1)
            {
                continue;
            }

            var other = candidates.First();
            var mine = articlesOf[root];
            var theirs = articlesOf[other];
            // ... unless every article of the short name also names the long name's qualifier ("Pacific Fleet" in three
            // articles that each say "Russian", "Russian Pacific Fleet" in one).
            if (mine.Count > 2 * theirs.Count
                && !qualifiers.Any(q => q.Short == root && q.Long == other && mine.All(a => NamesIn(a).Contains(q.Qualifier))))
            {
                continue;
            }

            var people = new HashSet<int>(mine.SelectMany(a => persons.TryGetValue(a, out var p) ? p : []));
            if (theirs.Any(a => persons.TryGetValue(a, out var p) && p.Overlaps(people)))
            {
                joins.Add((root, other));
            }
        }

        // Joined after all are decided, so that one join cannot make another name fit.
        var shortRoots = joins.Select(j => j.Short).ToHashSet();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Entity.Type == EntityType.Organization && shortRoots.Contains(find(i)) && byEnding.ContainsKey(_lexicon.ThingKey(items[i].Entity.Name, organization: true)))
            {
                joined.Add(items[i].Entity.Name);
            }
        }

        foreach (var (s, l) in joins)
        {
            union(s, l);
        }

        return joined;
    }

    /// <summary>
    /// The keys of the endings of two or more words of an organisation's name that a qualifier stands before: words
    /// that are all capitalised, hold no digit and are no sentence opener ("Veridian Water Authority" -> "water
    /// authority"; none of "Governor of the Bank of England", "Seemala and Boesky and Co" or "Although Ashland
    /// Petroleum": a name that swallowed a role, a list or the word before it is no qualified name).
    /// </summary>
    private IEnumerable<string> QualifiedEndings(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 0 && words[0].Equals("the", StringComparison.OrdinalIgnoreCase))
        {
            words.RemoveAt(0);
        }

        while (words.Count > 1 && _lexicon.CompanySuffixes.Contains(words[^1].TrimEnd('.', ',').ToLowerInvariant()))
        {
            words.RemoveAt(words.Count - 1);
        }

        var openers = TextLexicon.Default.SentenceOpeners;
        for (var q = 1; q <= words.Count - 2; q++)
        {
            var w = words[q - 1];
            if (!char.IsUpper(w[0]) || w.Any(char.IsDigit) || openers.Contains(w) || !char.IsUpper(words[q][0]))
            {
                yield break;
            }

            yield return _lexicon.ThingKey(string.Join(' ', words.Skip(q)), organization: true);
        }
    }

    /// <summary>person | organization | place | other.</summary>
    public static string TypeName(EntityType type) => type switch
    {
        EntityType.Person => "person",
        EntityType.Organization => "organization",
        EntityType.Location => "place",
        _ => "other",
    };
}

/// <summary>Fills <c>entities[]</c> of the analysis document with the entities resolved across articles.</summary>
public sealed class EntitiesSection : ICorpusStage
{
    public string Name => "entities";

    public IReadOnlyList<Type> Requires => [typeof(EntityLayer)];

    public IReadOnlyList<string> After => [];

    public bool ReadsLayersOnly => true;

    public void Run(CorpusContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resolved = CorpusResolver.Default.Resolve(context.Articles
            .Select(a => (a.Id, a.Get<EntityLayer>()))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.Id, x.Item2!)));
        context.Set(resolved);
        foreach (var e in resolved.Entities)
        {
            context.Document.Entities.Add(new EntityEntry
            {
                Name = e.Name,
                Type = CorpusResolver.TypeName(e.Type),
                Aliases = [.. e.Aliases],
                Roles = [.. e.Roles],
                Articles = [.. e.Articles],
                Mentions = e.Mentions,
            });
        }
    }
}
