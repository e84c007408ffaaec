using System.Text.Json;
using Dossier.Analysis;
using Dossier.Core;
using Dossier.Entities;
using Dossier.Ingestion;
using Dossier.Store;
using Dossier.Tests.Support;
using Dossier.Text;

namespace Dossier.Tests.Entities;

/// <summary>The data-driven entity cases of tests/cases/entities.json.</summary>
public sealed class EntityCaseTests
{
    private static readonly JsonElement Cases = Load();

    public static TheoryData<string> ArticleCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases.GetProperty("articles").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static TheoryData<string> CorpusCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases.GetProperty("corpora").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static TheoryData<string, string, bool> NameCases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var c in Cases.GetProperty("names").EnumerateArray())
        {
            data.Add(c.GetProperty("a").GetString()!, c.GetProperty("b").GetString()!, c.GetProperty("same").GetBoolean());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NameCases))]
    public void Should_tell_whether_two_spellings_name_the_same_person(string a, string b, bool same)
    {
        // Given two full names from the case file
        // When they are compared (both ways)
        // Then they match exactly when the case says they are one person
        PersonNames.SamePerson(a, b).ShouldBe(same, $"'{a}' vs '{b}'");
        PersonNames.SamePerson(b, a).ShouldBe(same, $"'{b}' vs '{a}'");
    }

    [Theory]
    [MemberData(nameof(ArticleCases))]
    public void Should_find_and_resolve_the_entities_of_the_case(string name)
    {
        // Given an article text from the case file
        var c = Cases.GetProperty("articles").EnumerateArray().First(x => x.GetProperty("name").GetString() == name);
        var text = c.GetProperty("text").GetString()!;
        var article = new Article { Id = "case", SourcePath = "case.txt", Format = SourceFormat.Text, RawInput = text, SourceText = text, Text = text, Map = OffsetMap.Identity(text.Length) };

        // When its entities are recognised and resolved
        var layer = new EntityStage().Annotate(article, NewsTextAnalyzer.Default.Analyze(text));

        // Then every mention's span gives its text
        foreach (var m in layer.Mentions)
        {
            text[m.Start..m.End].ShouldBe(m.Text);
        }

        // And the listed persons are found as non-contributor persons, and nobody else is a person subject
        var persons = layer.Entities.Where(e => e.Type == EntityType.Person && !e.IsContributor).Select(e => e.Name).ToList();
        var expected = c.GetProperty("persons").EnumerateArray().Select(x => x.GetString()!).ToList();
        persons.ShouldBe(expected, ignoreOrder: true, $"case '{name}'");

        if (c.TryGetProperty("refer", out var refer))
        {
            foreach (var r in refer.EnumerateArray())
            {
                var surface = r.GetProperty("text").GetString()!;
                var occurrence = r.GetProperty("occurrence").GetInt32();
                var start = Nth(text, surface, occurrence);
                var mention = layer.Mentions.SingleOrDefault(m => m.Start == start && m.End == start + surface.Length);
                mention.ShouldNotBeNull($"case '{name}': no mention '{surface}' #{occurrence}");
                layer.Entities[mention.Cluster].Name.ShouldBe(r.GetProperty("entity").GetString(), $"case '{name}': '{surface}' #{occurrence}");
                if (r.TryGetProperty("kind", out var kind))
                {
                    mention.Kind.ToString().ToLowerInvariant().ShouldBe(kind.GetString());
                }

                if (r.TryGetProperty("type", out var type))
                {
                    CorpusResolver.TypeName(layer.Entities[mention.Cluster].Type).ShouldBe(type.GetString(), $"case '{name}': '{surface}' #{occurrence}");
                }
            }
        }

        if (c.TryGetProperty("not_names", out var notNames))
        {
            foreach (var surface in notNames.EnumerateArray().Select(x => x.GetString()!))
            {
                layer.Entities.ShouldNotContain(e => e.Name == surface, $"case '{name}': '{surface}' is no entity");
            }
        }

        if (c.TryGetProperty("roles", out var roles))
        {
            foreach (var r in roles.EnumerateArray())
            {
                var entity = layer.Entities.Single(e => e.Name == r.GetProperty("entity").GetString());
                entity.Roles.ShouldContain(r.GetProperty("role").GetString()!, $"case '{name}'");
            }
        }

        if (c.TryGetProperty("not_roles", out var notRoles))
        {
            foreach (var r in notRoles.EnumerateArray())
            {
                var entity = layer.Entities.Single(e => e.Name == r.GetProperty("entity").GetString());
                entity.Roles.ShouldNotContain(r.GetProperty("role").GetString()!, $"case '{name}'");
            }
        }

        if (c.TryGetProperty("contributors", out var contributors))
        {
            foreach (var who in contributors.EnumerateArray().Select(x => x.GetString()!))
            {
                layer.Entities.Where(e => e.Name == who).ShouldAllBe(e => e.IsContributor, $"case '{name}': {who}");
                layer.Mentions.Where(m => m.Text == who).ShouldNotBeEmpty();
                layer.Mentions.Where(m => m.Text == who).ShouldAllBe(m => m.IsContributor);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CorpusCases))]
    public void Should_resolve_the_entities_of_a_case_corpus_across_its_articles(string name)
    {
        // Given the short articles of a case corpus, each with its entities recognised
        var c = Cases.GetProperty("corpora").EnumerateArray().First(x => x.GetProperty("name").GetString() == name);
        var layers = c.GetProperty("articles").EnumerateArray().Select((a, i) =>
        {
            var text = a.GetString()!;
            var article = new Article { Id = "a" + i, SourcePath = "a" + i + ".txt", Format = SourceFormat.Text, RawInput = text, SourceText = text, Text = text, Map = OffsetMap.Identity(text.Length) };
            return (article.Id, new EntityStage().Annotate(article, NewsTextAnalyzer.Default.Analyze(text)));
        }).ToList();

        // When they are resolved across articles
        var entities = CorpusResolver.Default.Resolve(layers).Entities;
        CorpusEntity Holder(string n) => entities.SingleOrDefault(e => e.Name == n || e.Aliases.Contains(n)) ?? throw new ShouldAssertException($"case '{name}': no entity holds '{n}' (entities: {string.Join("; ", entities.Select(e => e.Name))})");

        // Then each listed group is one entity, named as the case says
        foreach (var g in c.TryGetProperty("one", out var one) ? one.EnumerateArray() : default)
        {
            var canonical = g.GetProperty("name").GetString()!;
            var entity = Holder(canonical);
            entity.Name.ShouldBe(canonical, $"case '{name}'");
            foreach (var v in g.GetProperty("variants").EnumerateArray().Select(x => x.GetString()!))
            {
                Holder(v).ShouldBeSameAs(entity, $"case '{name}': '{v}' should be '{canonical}'");
            }
        }

        // And a listed person has exactly the listed roles
        foreach (var r in c.TryGetProperty("roles", out var roles) ? roles.EnumerateArray() : default)
        {
            Holder(r.GetProperty("name").GetString()!).Roles.ShouldBe([.. r.GetProperty("roles").EnumerateArray().Select(x => x.GetString()!)], $"case '{name}'");
        }

        // And the names listed apart are different entities
        foreach (var pair in c.TryGetProperty("apart", out var apart) ? apart.EnumerateArray() : default)
        {
            var names = pair.EnumerateArray().Select(x => x.GetString()!).ToList();
            Holder(names[0]).ShouldNotBeSameAs(Holder(names[1]), $"case '{name}': '{names[0]}' and '{names[1]}'");
        }
    }

    [SharedFact("seeds")]
    public void Should_find_every_seed_person_once_with_variants_merged_and_contributors_left_out()
    {
        // Given the seed articles in a fresh store
        using var dir = new TempDir();
        using var store = StoreFactory.Open(dir.File("seeds.db"));
        var report = new Ingestor(store).Ingest([Repo.Seeds]);
        report.ArticleIds.Count.ShouldBeGreaterThanOrEqualTo(3);

        // When they are analysed together
        var doc = new Analyzer().Analyze(store, report.ArticleIds);
        var seeds = Cases.GetProperty("seeds");

        // Then each listed person is exactly one entity of type person, holding all its spellings
        var owners = new Dictionary<string, EntityEntry>(StringComparer.Ordinal);
        foreach (var p in seeds.GetProperty("persons").EnumerateArray())
        {
            var names = new List<string> { p.GetProperty("name").GetString()! };
            if (p.TryGetProperty("variants", out var v))
            {
                names.AddRange(v.EnumerateArray().Select(x => x.GetString()!));
            }

            var holders = names.Select(n => doc.Entities.Where(e => e.Name == n || e.Aliases.Contains(n)).ToList()).ToList();
            foreach (var (n, h) in names.Zip(holders))
            {
                h.Count.ShouldBe(1, $"'{n}' should be in exactly one entity");
                h[0].Type.ShouldBe("person", $"'{n}'");
            }

            holders.Select(h => h[0]).Distinct().Count().ShouldBe(1, $"spellings of '{names[0]}' should be one entity");
            owners[names[0]] = holders[0][0];
        }

        // And no two listed people share an entity
        owners.Values.Distinct().Count().ShouldBe(owners.Count);

        // And journalists in contributor lines are not story subjects
        foreach (var who in seeds.GetProperty("contributors").EnumerateArray().Select(x => x.GetString()!))
        {
            doc.Entities.ShouldNotContain(e => e.Name == who || e.Aliases.Contains(who), $"contributor '{who}'");
        }
    }

    private static int Nth(string text, string value, int occurrence)
    {
        var at = -1;
        for (var k = 0; k < occurrence; k++)
        {
            at = text.IndexOf(value, at + 1, StringComparison.Ordinal);
            at.ShouldBeGreaterThanOrEqualTo(0, $"'{value}' #{occurrence}");
        }

        return at;
    }

    private static JsonElement Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Cases, "entities.json")));
        return doc.RootElement.Clone();
    }
}
