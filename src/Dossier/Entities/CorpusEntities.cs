using Dossier.Analysis;

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

            var keys = e.Type == EntityType.Person
                ? ["person:" + string.Join(' ', PersonNames.Parts(e.Name).Select(_lexicon.FoldVariants))]
                : e.Aliases.Append(e.Name).Select(n => "thing:" + _lexicon.ThingKey(n, organization: true)).Distinct(StringComparer.Ordinal);
            foreach (var key in keys)
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

        var groups = Enumerable.Range(0, items.Count).GroupBy(Find).Select(g => g.ToList()).ToList();
        var entities = new List<CorpusEntity>();
        var of = new Dictionary<(string, int), int>();
        foreach (var g in groups
            .OrderByDescending(g => g.Select(i => items[i].Article).Distinct(StringComparer.Ordinal).Count())
            .ThenByDescending(g => g.Sum(i => items[i].Mentions))
            .ThenBy(g => items[g[0]].Entity.Name, StringComparer.Ordinal))
        {
            var names = g.SelectMany(i => items[i].Entity.Aliases.Append(items[i].Entity.Name)).ToList();
            var name = g.Select(i => items[i].Entity.Name)
                .GroupBy(n => n, StringComparer.Ordinal)
                .OrderByDescending(x => PersonNames.Parts(x.Key).Length >= 2 ? 1 : 0)
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
                [.. names.Where(n => n != name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                [.. g.SelectMany(i => items[i].Entity.Roles).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)],
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
