using System.Globalization;
using System.Text;
using System.Text.Json;
using Dossier.Tests.Support;
using Xunit.Abstractions;

namespace Dossier.Tests.Samples;

/// <summary>
/// Scores <c>dossier analyze samples --json</c> against the truth of the samples (tests/cases/samples.json):
/// copies, stories, quotes, quote groups, timeline, entities, agreement. Prints the scores (run with
/// <c>--logger "console;verbosity=detailed"</c>) and enforces floors slightly under the values measured when
/// they were set (docs/samples.md), so that a change that loses accuracy fails and one that gains does not.
/// </summary>
public sealed class SamplesScoreTests(ITestOutputHelper output)
{
    private static readonly Lazy<Scores> Measured = new(Measure);

    /// <summary>Floors: a little under the scores measured at the commit that set them (docs/samples.md).</summary>
    private static readonly Dictionary<string, double> Floors = new(StringComparer.Ordinal)
    {
        ["copies.pair_recall"] = 0.95,
        ["copies.kind_accuracy"] = 0.6,
        ["copies.pair_precision"] = 0.95,
        ["stories.pair_f1"] = 0.95,
        ["quotes.direct_recall"] = 0.9,
        ["quotes.speaker_accuracy"] = 0.97, // 1.00 (47/47) since a role with the name in apposition and documents as sources (round 7; was 0.85, 40/47); see docs/quality.md
        ["quote_groups.recall"] = 0.95, // 1.00 (3/3) since the speaker fixes (was 0.67)
        ["timeline.date_recall"] = 0.97, // 1.00 (39/39) since "18 months after ... in April 2024" is counted (was 0.97, 38/39)
        ["entities.merge_recall"] = 0.95, // 1.00 (3/3) since short organisation names join the qualified one (was 0.67)
        ["entities.kept_apart"] = 0.95,
        ["entities.not_people_precision"] = 0.7,
        ["stories.independent_sources_exact"] = 0.95, // 1.00 (3/3) since an outlet's own articles count once (was 0.67)
        ["agreement.death_toll_conflict"] = 0.95,
        ["agreement.main_exclusive"] = 0.95,
        ["agreement.consensus_recall"] = 0.3,
    };

    [Fact]
    public void Should_score_the_analysis_of_the_samples_at_or_above_its_floors()
    {
        // Given the analysis of the samples scored against their truth
        var scores = Measured.Value;
        var table = new StringBuilder("| Measure | Score | Floor |\n|---|---|---|\n");
        foreach (var (name, value, detail) in scores.Values)
        {
            var floor = Floors.TryGetValue(name, out var f) ? f.ToString("0.00", CultureInfo.InvariantCulture) : "-";
            table.Append(CultureInfo.InvariantCulture, $"| {name} | {value:0.00} ({detail}) | {floor} |\n");
        }

        output.WriteLine(table.ToString());

        // Then every measure with a floor is at or above it
        Floors.Keys.ShouldBeSubsetOf(scores.Values.Select(v => v.Name));
        scores.Values.Where(v => Floors.TryGetValue(v.Name, out var floor) && v.Value < floor)
            .Select(v => $"{v.Name} = {v.Value:0.00} < floor {Floors[v.Name]:0.00} ({v.Detail})")
            .ShouldBeEmpty();
    }

    [Fact]
    public void Should_score_a_perfect_analysis_at_one_and_an_empty_one_at_zero()
    {
        // Given an analysis built from the truth itself and an empty one
        var corpus = SampleCorpus.Default;
        var real = Measured.Value.Document;
        var perfect = Oracle(corpus, real);
        using var empty = JsonDocument.Parse(
            "{\"articles\":" + real.RootElement.GetProperty("articles").GetRawText()
            + ",\"copies\":[],\"stories\":[],\"entities\":[],\"quotes\":[],\"quote_groups\":[],\"timeline\":[],\"consensus\":[],\"exclusives\":[],\"conflicts\":[]}");

        // When each is scored
        var best = Score(corpus, perfect).Values;
        var worst = Score(corpus, empty).Values;

        // Then the scorer gives the truth full marks and nothing none (so the floors above measure something)
        best.Where(v => v.Value < 1).Select(v => $"{v.Name} = {v.Value:0.00} ({v.Detail})").ShouldBeEmpty();
        worst.Where(v => v.Value > 0 && !v.Name.EndsWith("precision", StringComparison.Ordinal)).Select(v => $"{v.Name} = {v.Value:0.00}").ShouldBeEmpty();
    }

    private sealed record Scores(JsonDocument Document, List<(string Name, double Value, string Detail)> Values);

    private static Scores Measure()
    {
        var r = CliRunner.Run("analyze", Repo.Samples, "--json");
        r.ExitCode.ShouldBe(0, r.Error);
        var doc = JsonDocument.Parse(r.Out);
        return Score(SampleCorpus.Default, doc);
    }

    private static Scores Score(SampleCorpus corpus, JsonDocument doc)
    {
        var root = doc.RootElement;
        var truth = corpus.Truth;
        var entries = root.GetProperty("articles").EnumerateArray().ToList();
        var ids = corpus.Keys.ToDictionary(k => k, k =>
        {
            var at = corpus.IndexOf(k, entries, e => e.GetProperty("source_path").GetString()!);
            return at >= 0 ? entries[at].GetProperty("id").GetString()! : "?" + k;
        }, StringComparer.Ordinal);
        var values = new List<(string, double, string)>();

        // Copies: each stated pair found (either order; articles identical as written stand for each other), with
        // its kind; and how many found pairs lie inside one lineage
        var found = root.GetProperty("copies").EnumerateArray()
            .Select(c => (A: c.GetProperty("a").GetString()!, B: c.GetProperty("b").GetString()!, Kind: c.GetProperty("kind").GetString()!))
            .ToList();
        var stated = truth.GetProperty("copies").EnumerateArray()
            .Select(c => (A: ids[c.GetProperty("a").GetString()!], B: ids[c.GetProperty("b").GetString()!], Kind: c.GetProperty("kind").GetString()!)).ToList();
        var exactOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (a, b, _) in stated.Where(s => s.Kind == "exact"))
        {
            exactOf[a] = exactOf[b] = string.CompareOrdinal(a, b) < 0 ? a : b;
        }

        string Canon(string id) => exactOf.TryGetValue(id, out var c) ? c : id;
        bool SamePair((string A, string B, string Kind) f, (string A, string B, string Kind) s) =>
            (Canon(f.A) == Canon(s.A) && Canon(f.B) == Canon(s.B)) || (Canon(f.A) == Canon(s.B) && Canon(f.B) == Canon(s.A));
        var hits = stated.Select(s => (s.Kind, Found: s.Kind == "exact"
            ? found.FirstOrDefault(f => (f.A == s.A && f.B == s.B) || (f.A == s.B && f.B == s.A))
            : found.FirstOrDefault(f => SamePair(f, s)))).ToList();
        var pairHits = hits.Count(h => h.Found.A is not null);
        values.Add(("copies.pair_recall", Ratio(pairHits, stated.Count), $"{pairHits}/{stated.Count}"));
        var kindHits = hits.Count(h => h.Found.Kind == h.Kind);
        values.Add(("copies.kind_accuracy", Ratio(kindHits, stated.Count), $"{kindHits}/{stated.Count}"));
        var lineageOf = truth.GetProperty("stories").EnumerateArray()
            .SelectMany(s => s.GetProperty("lineages").EnumerateArray().Select((l, i) => (Story: s.GetProperty("id").GetString(), Lineage: i, Keys: l)))
            .SelectMany(l => l.Keys.EnumerateArray().Select(k => (Id: ids[k.GetString()!], Group: $"{l.Story}/{l.Lineage}")))
            .ToDictionary(x => x.Id, x => x.Group, StringComparer.Ordinal);
        var inLineage = found.Count(f => lineageOf.TryGetValue(f.A, out var ga) && lineageOf.TryGetValue(f.B, out var gb) && ga == gb);
        values.Add(("copies.pair_precision", found.Count == 0 ? 1 : Ratio(inLineage, found.Count), $"{inLineage}/{found.Count} found pairs within one lineage"));

        // Stories: pairs of articles put together, against the stories as written
        var storyOf = truth.GetProperty("stories").EnumerateArray()
            .SelectMany(s => s.GetProperty("articles").EnumerateArray().Select(k => (Id: ids[k.GetString()!], Story: s.GetProperty("id").GetString()!)))
            .ToDictionary(x => x.Id, x => x.Story, StringComparer.Ordinal);
        var predicted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in root.GetProperty("stories").EnumerateArray())
        {
            foreach (var a in s.GetProperty("articles").EnumerateArray())
            {
                predicted.TryAdd(a.GetString()!, s.GetProperty("id").GetString()!);
            }
        }

        var allIds = storyOf.Keys.Order(StringComparer.Ordinal).ToList();
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < allIds.Count; i++)
        {
            for (var j = i + 1; j < allIds.Count; j++)
            {
                var same = storyOf[allIds[i]] == storyOf[allIds[j]];
                var guessed = predicted.TryGetValue(allIds[i], out var pi) && predicted.TryGetValue(allIds[j], out var pj) && pi == pj;
                tp += same && guessed ? 1 : 0;
                fp += !same && guessed ? 1 : 0;
                fn += same && !guessed ? 1 : 0;
            }
        }

        values.Add(("stories.pair_f1", Ratio(2 * tp, (2 * tp) + fp + fn), $"tp {tp}, fp {fp}, fn {fn}"));

        // Independent sources: each story as written, found as the predicted story of its first article, with its count
        var truthStories = truth.GetProperty("stories").EnumerateArray().ToList();
        var counted = truthStories.Count(s =>
        {
            var first = ids[s.GetProperty("articles")[0].GetString()!];
            var story = root.GetProperty("stories").EnumerateArray()
                .FirstOrDefault(p => p.GetProperty("articles").EnumerateArray().Any(a => a.GetString() == first));
            return story.ValueKind == JsonValueKind.Object
                && story.TryGetProperty("independent_sources", out var n) && n.GetInt32() == s.GetProperty("independent_sources").GetInt32();
        });
        values.Add(("stories.independent_sources_exact", Ratio(counted, truthStories.Count), $"{counted}/{truthStories.Count} stories with the stated count"));

        // Quotes: each direct quote of the truth found in its article, and with its speaker
        var quotes = root.GetProperty("quotes").EnumerateArray().ToList();
        var aliases = EntityNames(truth);
        int direct = 0, quoteHits = 0, speakerHits = 0;
        foreach (var q in truth.GetProperty("quotes").EnumerateArray().Where(q => q.GetProperty("direct").GetBoolean()))
        {
            var text = Norm(q.GetProperty("text").GetString()!);
            var speaker = q.GetProperty("speaker").GetString();
            foreach (var key in q.GetProperty("articles").EnumerateArray().Select(k => k.GetString()!))
            {
                direct++;
                var match = quotes.FirstOrDefault(o => o.GetProperty("article").GetString() == ids[key] && Overlaps(Norm(o.GetProperty("text").GetString()!), text));
                if (match.ValueKind == JsonValueKind.Undefined)
                {
                    continue;
                }

                quoteHits++;
                var said = match.GetProperty("speaker").ValueKind == JsonValueKind.String ? match.GetProperty("speaker").GetString() : null;
                speakerHits += SameEntity(said, speaker, aliases) ? 1 : 0;
            }
        }

        values.Add(("quotes.direct_recall", Ratio(quoteHits, direct), $"{quoteHits}/{direct}"));
        values.Add(("quotes.speaker_accuracy", Ratio(speakerHits, direct), $"{speakerHits}/{direct} with the right speaker"));

        // Quote groups: each translated statement grouped (two or more of its wordings in one group)
        var groups = root.GetProperty("quote_groups").EnumerateArray()
            .Select(g => g.GetProperty("quotes").EnumerateArray().Select(q => (Article: q.GetProperty("article").GetString()!, Text: Norm(q.GetProperty("text").GetString()!))).ToList())
            .ToList();
        var truthGroups = truth.GetProperty("quote_groups").EnumerateArray().ToList();
        var grouped = truthGroups.Count(t =>
        {
            var wordings = t.GetProperty("quotes").EnumerateArray().Select(q => (Article: ids[q.GetProperty("article").GetString()!], Text: Norm(q.GetProperty("text").GetString()!))).ToList();
            return groups.Any(g => wordings.Count(w => g.Any(x => x.Article == w.Article && Overlaps(x.Text, w.Text))) >= 2);
        });
        values.Add(("quote_groups.recall", Ratio(grouped, truthGroups.Count), $"{grouped}/{truthGroups.Count}"));

        // Timeline: each dated expression of the truth on the timeline with its date and its article
        var timeline = root.GetProperty("timeline").EnumerateArray()
            .Select(t => (Date: t.GetProperty("date").GetString()!, Articles: t.GetProperty("articles").EnumerateArray().Select(a => a.GetString()!).ToHashSet(StringComparer.Ordinal)))
            .ToList();
        var dated = truth.GetProperty("timeline").EnumerateArray().ToList();
        var onTimeline = dated.Count(t => timeline.Any(e => e.Date == t.GetProperty("date").GetString() && e.Articles.Contains(ids[t.GetProperty("article").GetString()!])));
        values.Add(("timeline.date_recall", Ratio(onTimeline, dated.Count), $"{onTimeline}/{dated.Count}"));

        // Entities: names spelled two ways merged, people sharing a surname kept apart
        var entities = root.GetProperty("entities").EnumerateArray()
            .Select(e => e.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()!).Append(e.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal))
            .ToList();
        var merges = truth.GetProperty("entities").GetProperty("merge").EnumerateArray()
            .Select(m => m.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("text").GetString()!).Where(v => v.Contains(' ', StringComparison.Ordinal)).ToList())
            .Where(v => v.Count >= 2).ToList();
        var merged = merges.Count(m => entities.Any(e => m.All(e.Contains)));
        values.Add(("entities.merge_recall", Ratio(merged, merges.Count), $"{merged}/{merges.Count}"));
        var distinct = truth.GetProperty("entities").GetProperty("distinct").EnumerateArray()
            .Select(g => g.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList()).ToList();
        var apart = distinct.Count(g => g.All(n => entities.Any(e => e.Contains(n))) && !entities.Any(e => g.Count(e.Contains) >= 2));
        var typed = root.GetProperty("entities").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "person")
            .SelectMany(e => e.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()!).Append(e.GetProperty("name").GetString()!))
            .ToHashSet(StringComparer.Ordinal);
        var notPeople = truth.GetProperty("entities").GetProperty("not_people").EnumerateArray().Select(n => n.GetString()!).ToList();
        var wrong = notPeople.Where(typed.Contains).ToList();
        values.Add(("entities.not_people_precision", 1 - Ratio(wrong.Count, notPeople.Count), wrong.Count == 0 ? "none typed person" : "typed person: " + string.Join(", ", wrong)));
        values.Add(("entities.kept_apart", Ratio(apart, distinct.Count), $"{apart}/{distinct.Count} groups found and not merged"));

        // Agreement: the disagreeing figure, the main exclusive, the consensus claims
        var conflicts = root.GetProperty("conflicts").EnumerateArray()
            .Select(c => c.GetProperty("claims").EnumerateArray().Select(cl => (Text: Norm(cl.GetProperty("text").GetString()!), Articles: cl.GetProperty("articles").EnumerateArray().Select(a => a.GetString()!).ToList())).ToList())
            .ToList();
        var truthConflicts = truth.GetProperty("conflicts").EnumerateArray().Where(c => c.GetProperty("kind").GetString() == "number").ToList();
        var conflictsFound = truthConflicts.Count(c =>
        {
            var sides = c.GetProperty("claims").EnumerateArray()
                .Select(cl => cl.GetProperty("evidence").EnumerateArray().Select(e => (Id: ids[e.GetProperty("article").GetString()!], Text: Norm(e.GetProperty("text").GetString()!))).ToList())
                .ToList();
            return conflicts.Any(found => sides.All(side => found.Any(claim => side.Any(e => claim.Articles.Contains(e.Id) && claim.Text.Contains(e.Text, StringComparison.Ordinal)))));
        });
        values.Add(("agreement.death_toll_conflict", Ratio(conflictsFound, truthConflicts.Count), $"{conflictsFound}/{truthConflicts.Count} number conflicts with both sides"));
        var exclusives = root.GetProperty("exclusives").EnumerateArray()
            .Select(e => (Article: e.GetProperty("article").GetString()!, Text: Norm(e.GetProperty("text").GetString()!))).ToList();
        var main = truth.GetProperty("exclusives").EnumerateArray().Where(e => e.GetProperty("main").GetBoolean()).ToList();
        var mainFound = main.Count(m => exclusives.Any(e => e.Article == ids[m.GetProperty("article").GetString()!] && Overlaps(e.Text, Norm(m.GetProperty("text").GetString()!))));
        values.Add(("agreement.main_exclusive", Ratio(mainFound, main.Count), $"{mainFound}/{main.Count}"));
        var consensus = root.GetProperty("consensus").EnumerateArray()
            .Select(c => (Text: Norm(c.GetProperty("text").GetString()!), Articles: c.GetProperty("articles").EnumerateArray().Select(a => a.GetString()!).ToHashSet(StringComparer.Ordinal)))
            .ToList();
        var claims = truth.GetProperty("consensus").EnumerateArray().ToList();
        var agreed = claims.Count(c =>
        {
            var evidence = c.GetProperty("evidence").EnumerateArray().Select(e => (Id: ids[e.GetProperty("article").GetString()!], Text: Norm(e.GetProperty("text").GetString()!))).ToList();
            return consensus.Any(k => evidence.Any(e => k.Text.Contains(e.Text, StringComparison.Ordinal)) && evidence.Count(e => k.Articles.Contains(e.Id)) >= 2);
        });
        values.Add(("agreement.consensus_recall", Ratio(agreed, claims.Count), $"{agreed}/{claims.Count} claims carried by two or more of their sources"));

        return new Scores(doc, values);
    }

    /// <summary>An analysis document that says exactly what the truth says, over the real article ids.</summary>
    private static JsonDocument Oracle(SampleCorpus corpus, JsonDocument real)
    {
        var truth = corpus.Truth;
        var entries = real.RootElement.GetProperty("articles").EnumerateArray().ToList();
        string Id(string key) => entries[corpus.IndexOf(key, entries, e => e.GetProperty("source_path").GetString()!)].GetProperty("id").GetString()!;
        List<string> Ids(JsonElement keys) => [.. keys.EnumerateArray().Select(k => Id(k.GetString()!))];
        var doc = new
        {
            articles = entries,
            copies = truth.GetProperty("copies").EnumerateArray().Select(c => new { a = Id(c.GetProperty("a").GetString()!), b = Id(c.GetProperty("b").GetString()!), kind = c.GetProperty("kind").GetString() }),
            stories = truth.GetProperty("stories").EnumerateArray().Select(s => new
            {
                id = s.GetProperty("id").GetString(),
                articles = Ids(s.GetProperty("articles")),
                independent_sources = s.GetProperty("independent_sources").GetInt32(),
            }),
            entities = truth.GetProperty("entities").GetProperty("merge").EnumerateArray()
                .Select(m => new { name = m.GetProperty("name").GetString(), type = m.GetProperty("type").GetString(), aliases = m.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("text").GetString()).ToList() })
                .Concat(truth.GetProperty("entities").GetProperty("distinct").EnumerateArray().SelectMany(g => g.GetProperty("people").EnumerateArray())
                    .Select(p => new { name = p.GetProperty("name").GetString(), type = (string?)"person", aliases = new List<string?>() })),
            quotes = truth.GetProperty("quotes").EnumerateArray().SelectMany(q => q.GetProperty("articles").EnumerateArray()
                .Select(k => new { article = Id(k.GetString()!), speaker = q.GetProperty("speaker").GetString(), text = q.GetProperty("text").GetString() })),
            quote_groups = truth.GetProperty("quote_groups").EnumerateArray().Select(g => new
            {
                quotes = g.GetProperty("quotes").EnumerateArray().Select(q => new { article = Id(q.GetProperty("article").GetString()!), text = q.GetProperty("text").GetString() }),
            }),
            timeline = truth.GetProperty("timeline").EnumerateArray().Select(t => new { date = t.GetProperty("date").GetString(), articles = new[] { Id(t.GetProperty("article").GetString()!) } }),
            consensus = truth.GetProperty("consensus").EnumerateArray().SelectMany(c => c.GetProperty("evidence").EnumerateArray()
                .Select(e => new { text = e.GetProperty("text").GetString(), articles = c.GetProperty("evidence").EnumerateArray().Select(x => Id(x.GetProperty("article").GetString()!)).ToList() })),
            exclusives = truth.GetProperty("exclusives").EnumerateArray().Select(e => new { article = Id(e.GetProperty("article").GetString()!), text = e.GetProperty("text").GetString() }),
            conflicts = truth.GetProperty("conflicts").EnumerateArray().Select(c => new
            {
                claims = c.GetProperty("claims").EnumerateArray().SelectMany(cl => cl.GetProperty("evidence").EnumerateArray())
                    .Select(e => new { text = e.GetProperty("text").GetString(), articles = new[] { Id(e.GetProperty("article").GetString()!) } }),
            }),
        };
        return JsonDocument.Parse(JsonSerializer.Serialize(doc));
    }

    /// <summary>Every name an entity of the truth goes by, keyed by its canonical name.</summary>
    private static Dictionary<string, HashSet<string>> EntityNames(JsonElement truth)
    {
        var names = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var m in truth.GetProperty("entities").GetProperty("merge").EnumerateArray())
        {
            names[m.GetProperty("name").GetString()!] = [.. m.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("text").GetString()!)];
        }

        return names;
    }

    private static bool SameEntity(string? said, string? truth, Dictionary<string, HashSet<string>> names)
    {
        if (said is null || truth is null)
        {
            return said is null && truth is null;
        }

        if (string.Equals(Norm(said), Norm(truth), StringComparison.Ordinal))
        {
            return true;
        }

        // The truth's canonical name, any of its spellings, or the same name with a title or article before it
        var spellings = names.TryGetValue(truth, out var s) ? s : [truth];
        return spellings.Append(truth).Any(n => Norm(said).EndsWith(Norm(n), StringComparison.Ordinal) || Norm(n).EndsWith(Norm(said), StringComparison.Ordinal) && said.Contains(' ', StringComparison.Ordinal));
    }

    private static bool Overlaps(string a, string b) =>
        a.Length > 0 && b.Length > 0 && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal));

    /// <summary>Lower case, quote marks folded, outer punctuation and spaces trimmed.</summary>
    private static string Norm(string s) => s
        .Replace("''", "\"", StringComparison.Ordinal)
        .Replace('“', '"').Replace('”', '"').Replace('‘', '\'').Replace('’', '\'')
        .Trim().Trim('"', ',', '.', ' ')
        .ToLowerInvariant();

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
}
