using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dossier.Reading;
using Dossier.Tests.Support;

namespace Dossier.Tests.Samples;

/// <summary>
/// The bundled sample corpus: it ingests cleanly, <c>dossier analyze samples --json</c> lists its articles with
/// the documented fields, and tests/cases/samples.json (its truth, docs/samples.md) agrees with the files.
/// </summary>
public sealed partial class SamplesTests
{
    private static readonly Lazy<CliRunner.Result> Analysis = new(() => CliRunner.Run("analyze", Repo.Samples, "--json"));

    private static SampleCorpus Corpus => SampleCorpus.Default;

    private static JsonElement Truth => Corpus.Truth;

    [Fact]
    public void Should_ingest_every_sample_file_without_rejection()
    {
        // Given the samples folder
        // When it is analysed
        var r = Analysis.Value;

        // Then nothing is rejected and the exit code is 0
        r.Error.ShouldBeEmpty();
        r.ExitCode.ShouldBe(0);
        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.GetProperty("rejected").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Should_list_as_many_articles_per_file_as_the_reader_that_takes_it_yields()
    {
        // Given the files samples.json lists, each with its format and articles
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in Truth.GetProperty("files").EnumerateArray())
        {
            var file = f.GetProperty("file").GetString()!;
            var format = f.GetProperty("format").GetString()!;
            var full = Path.Combine(Repo.Samples, file);
            var reader = ReaderRegistry.Default.Pick(full, File.ReadAllText(full));

            // A file is read by its format's reader once that reader exists; the plain text fallback reads any file as one article.
            expected[file] = reader.Name == format ? f.GetProperty("articles").GetArrayLength() : 1;
        }

        // When the folder is analysed
        using var doc = JsonDocument.Parse(Analysis.Value.Out);
        var articles = doc.RootElement.GetProperty("articles").EnumerateArray().ToList();

        // Then every file gives the expected number of articles and no article comes from elsewhere
        var actual = articles.GroupBy(a => Corpus.RelativeFile(a.GetProperty("source_path").GetString()!), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        actual.OrderBy(x => x.Key, StringComparer.Ordinal).ShouldBe(expected.OrderBy(x => x.Key, StringComparer.Ordinal));
        articles.Count.ShouldBe(expected.Values.Sum());
    }

    [Fact]
    public void Should_fill_the_documented_fields_of_every_article()
    {
        // Given the analysis of the samples
        using var doc = JsonDocument.Parse(Analysis.Value.Out);
        var articles = doc.RootElement.GetProperty("articles").EnumerateArray().ToList();
        articles.ShouldNotBeEmpty();

        foreach (var a in articles)
        {
            // Then each article has the issue's fields: id and source_path set, the others present (null when unknown)
            foreach (var field in new[] { "id", "source_path", "outlet", "published", "dateline", "title" })
            {
                a.TryGetProperty(field, out _).ShouldBeTrue($"articles[] entry lacks '{field}'");
            }

            a.GetProperty("id").GetString().ShouldNotBeNullOrWhiteSpace();
            var path = a.GetProperty("source_path").GetString()!;
            var hash = path.IndexOf('#', StringComparison.Ordinal);
            File.Exists(hash >= 0 ? path[..hash] : path).ShouldBeTrue($"source_path {path} is not a file");
            foreach (var field in new[] { "outlet", "published", "dateline", "title" })
            {
                a.GetProperty(field).ValueKind.ShouldBeOneOf(JsonValueKind.String, JsonValueKind.Null);
            }
        }

        // And ids are unique
        articles.Select(a => a.GetProperty("id").GetString()).Distinct(StringComparer.Ordinal).Count().ShouldBe(articles.Count);
    }

    [Fact]
    public void Should_give_a_publication_date_that_agrees_with_the_written_one_whenever_one_is_given()
    {
        // Given the analysis and the dates the samples were written with
        using var doc = JsonDocument.Parse(Analysis.Value.Out);
        var entries = doc.RootElement.GetProperty("articles").EnumerateArray().ToList();
        var checkedDates = 0;
        foreach (var key in Corpus.Keys)
        {
            var at = Corpus.IndexOf(key, entries, e => e.GetProperty("source_path").GetString()!);
            at.ShouldBeGreaterThanOrEqualTo(0, $"no analysis entry for sample '{key}'");
            var published = entries[at].GetProperty("published");
            var truth = Corpus.Article(key);
            var written = truth.GetProperty("published").GetString() ?? truth.GetProperty("published_if_inferred").GetString();

            // When a date was found
            if (published.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            // Then its UTC calendar day is the written one
            var day = DateTimeOffset.Parse(published.GetString()!, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            day.ShouldBe(written![..10], $"published date of sample '{key}'");
            checkedDates++;
        }

        // (the plain text reader already reads the date header of the text samples)
        checkedDates.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void Should_list_every_sample_file_in_the_truth_and_nothing_else()
    {
        // Given the files on disk and the files samples.json lists
        var onDisk = Directory.EnumerateFiles(Repo.Samples, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repo.Samples, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal).ToList();
        var listed = Truth.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file").GetString()!).Order(StringComparer.Ordinal).ToList();

        // Then they are the same, and every article's file is one of them
        listed.ShouldBe(onDisk);
        foreach (var key in Corpus.Keys)
        {
            listed.ShouldContain(Corpus.File(key));
        }

        // And each file's articles name articles of that file
        foreach (var f in Truth.GetProperty("files").EnumerateArray())
        {
            foreach (var key in f.GetProperty("articles").EnumerateArray().Select(k => k.GetString()!))
            {
                Corpus.File(key).ShouldBe(f.GetProperty("file").GetString());
            }
        }
    }

    [Fact]
    public void Should_refer_only_to_articles_the_truth_defines()
    {
        // Given every article reference anywhere in samples.json
        var refs = new List<(string Where, string Key)>();
        Walk(Truth, "$", (path, name, value) =>
        {
            if (name is "article" or "a" or "b" && value.ValueKind == JsonValueKind.String)
            {
                refs.Add((path, value.GetString()!));
            }
            else if (name is "articles" or "lineages")
            {
                refs.AddRange(Flatten(value).Select(k => (path, k)));
            }
        });

        // Then each names a defined article
        refs.Count.ShouldBeGreaterThan(100);
        foreach (var (where, key) in refs)
        {
            Corpus.Keys.ShouldContain(key, $"{where} names unknown article '{key}'");
        }
    }

    [Fact]
    public void Should_find_every_text_of_the_truth_verbatim_in_its_article()
    {
        // Given every (article, text) pair samples.json states
        var pairs = new List<(string Where, string Key, string Text)>();
        CollectTexts(Truth, "$", pairs);
        foreach (var key in Corpus.Keys)
        {
            var a = Corpus.Article(key);
            foreach (var field in new[] { "starts_with", "latest_starts_with", "previous_starts_with", "marker" })
            {
                if (a.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String)
                {
                    pairs.Add(($"{key}.{field}", key, v.GetString()!));
                }
            }

            foreach (var field in new[] { "credit_lines", "captions", "boilerplate" })
            {
                if (a.TryGetProperty(field, out var v))
                {
                    pairs.AddRange(v.EnumerateArray().Select(x => ($"{key}.{field}", key, x.GetString()!)));
                }
            }
        }

        foreach (var g in Truth.GetProperty("entities").GetProperty("distinct").EnumerateArray())
        {
            foreach (var p in g.GetProperty("people").EnumerateArray())
            {
                pairs.AddRange(p.GetProperty("articles").EnumerateArray().Select(k => ("distinct", k.GetString()!, p.GetProperty("name").GetString()!)));
            }
        }

        // Then each text lies verbatim in the article as written
        pairs.Count.ShouldBeGreaterThan(150);
        var missing = pairs.Where(p => !Corpus.WrittenText(p.Key).Contains(p.Text, StringComparison.Ordinal))
            .Select(p => $"{p.Where}: '{p.Text}' not in {p.Key}").ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Should_list_every_direct_quote_of_the_text_and_feed_samples()
    {
        // Given the direct quotes samples.json lists per article (it promises them all)
        var total = 0;
        foreach (var key in Corpus.Keys.Where(k => !Corpus.File(k).EndsWith(".html", StringComparison.Ordinal)))
        {
            var listed = Truth.GetProperty("quotes").EnumerateArray()
                .Where(q => q.GetProperty("direct").GetBoolean() && q.GetProperty("articles").EnumerateArray().Any(k => k.GetString() == key))
                .Select(q => Trim(q.GetProperty("text").GetString()!))
                .ToHashSet(StringComparer.Ordinal);

            // When the quotations of the written text are found by their marks
            var found = QuoteMarks().Matches(Corpus.WrittenText(key)).Select(m => Trim(m.Groups["q"].Value)).ToList();

            // Then each is listed
            found.Where(f => !listed.Contains(f)).ShouldBeEmpty($"quotes of '{key}' missing from samples.json");
            total += found.Count;
        }

        total.ShouldBeGreaterThan(30);
    }

    [Fact]
    public void Should_tell_the_copies_apart_as_written()
    {
        // Given the copy relations samples.json states
        foreach (var c in Truth.GetProperty("copies").EnumerateArray())
        {
            var a = Words(Body(c.GetProperty("a").GetString()!));
            var b = Words(Body(c.GetProperty("b").GetString()!));
            var kind = c.GetProperty("kind").GetString();
            var cover = Containment(b, a, 5);
            var run = LongestSharedRun(a, b);
            var pair = $"{c.GetProperty("a").GetString()} ~ {c.GetProperty("b").GetString()} ({kind})";

            // Then the texts bear the relation out: exact copies are equal, near copies share most of their
            // word runs, versions carry the older text, rewrites share facts but few long runs
            switch (kind)
            {
                case "exact":
                    a.ShouldBe(b, pair);
                    break;
                case "near":
                    cover.ShouldBeInRange(0.6, 0.98, pair);
                    break;
                case "version":
                    cover.ShouldBeGreaterThan(0.9, pair);
                    Corpus.WrittenText(c.GetProperty("a").GetString()!).ShouldContain("Previous version of story below:");
                    break;
                case "rewrite":
                    cover.ShouldBeLessThan(0.15, pair);
                    run.ShouldBeLessThan(10, pair);
                    break;
                default:
                    throw new ShouldAssertException($"unknown copy kind {kind}");
            }
        }

        // And the pairs that are not copies share little
        foreach (var c in Truth.GetProperty("not_copies").EnumerateArray())
        {
            var a = Words(Body(c.GetProperty("a").GetString()!));
            var b = Words(Body(c.GetProperty("b").GetString()!));
            Containment(b, a, 5).ShouldBeLessThan(0.1);
        }
    }

    [Fact]
    public void Should_carry_every_phenomenon_the_issue_asks_of_the_samples()
    {
        // Given the truth of the samples
        var stories = Truth.GetProperty("stories").EnumerateArray().ToList();
        var main = stories.Single(s => s.GetProperty("id").GetString() == Truth.GetProperty("event").GetProperty("story").GetString());
        var mainKeys = main.GetProperty("articles").EnumerateArray().Select(k => k.GetString()!).ToList();

        // Then one event is told by at least 5 outlets in at least 8 articles, beside 2 unrelated stories
        mainKeys.Count.ShouldBeGreaterThanOrEqualTo(8);
        mainKeys.Select(k => Corpus.Article(k).GetProperty("outlet").GetString()).Distinct(StringComparer.Ordinal).Count().ShouldBeGreaterThanOrEqualTo(5);
        stories.Count.ShouldBe(3);

        // And its lineages partition its articles, and the independent sources are the lineages
        var lineages = main.GetProperty("lineages").EnumerateArray().Select(l => l.EnumerateArray().Select(k => k.GetString()!).ToList()).ToList();
        lineages.SelectMany(l => l).Order(StringComparer.Ordinal).ShouldBe(mainKeys.Order(StringComparer.Ordinal));
        main.GetProperty("independent_sources").GetInt32().ShouldBe(lineages.Count);

        // And every kind of copy, a main exclusive, a disagreeing figure, a name spelled two ways,
        // two people sharing a surname, translated quotes, and relative dates are there
        Truth.GetProperty("copies").EnumerateArray().Select(c => c.GetProperty("kind").GetString()).Distinct()
            .Order(StringComparer.Ordinal).ShouldBe(["exact", "near", "rewrite", "version"]);
        Truth.GetProperty("exclusives").EnumerateArray().Count(e => e.GetProperty("main").GetBoolean()).ShouldBe(1);
        Truth.GetProperty("conflicts").EnumerateArray().ShouldContain(c => c.GetProperty("kind").GetString() == "number" && c.GetProperty("claims").GetArrayLength() >= 2);
        Truth.GetProperty("entities").GetProperty("merge").EnumerateArray()
            .ShouldContain(m => m.GetProperty("type").GetString() == "person" && m.GetProperty("variants").GetArrayLength() >= 2);
        var surnames = Truth.GetProperty("entities").GetProperty("distinct").EnumerateArray()
            .Select(g => g.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("name").GetString()!.Split(' ').Last()).Distinct(StringComparer.Ordinal).Count())
            .ToList();
        surnames.ShouldContain(1);
        Truth.GetProperty("quote_groups").EnumerateArray().ShouldAllBe(g =>
            g.GetProperty("quotes").EnumerateArray().Select(q => q.GetProperty("article").GetString()).Distinct().Count() >= 2);
        var expressions = Truth.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("expression").GetString()!).ToList();
        foreach (var relative in new[] { "on Wednesday", "the next day", "in November", "18 months after" })
        {
            expressions.ShouldContain(e => e.Contains(relative, StringComparison.Ordinal));
        }

        // And every input form is used, text with and without a date header
        var formats = Truth.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("format").GetString()).Distinct().Order(StringComparer.Ordinal);
        formats.ShouldBe(["feed", "html", "jsonl", "text"]);
        var textFiles = Truth.GetProperty("files").EnumerateArray().Where(f => f.GetProperty("format").GetString() == "text")
            .Select(f => File.ReadAllText(Path.Combine(Repo.Samples, f.GetProperty("file").GetString()!))).ToList();
        textFiles.ShouldContain(t => t.StartsWith("date ", StringComparison.Ordinal));
        textFiles.ShouldContain(t => !t.StartsWith("date ", StringComparison.Ordinal));
        Directory.EnumerateFiles(Repo.Samples, "*.xml", SearchOption.AllDirectories).Select(File.ReadAllText)
            .ShouldContain(t => t.Contains("<rss version=\"2.0\"", StringComparison.Ordinal));
        Directory.EnumerateFiles(Repo.Samples, "*.xml", SearchOption.AllDirectories).Select(File.ReadAllText)
            .ShouldContain(t => t.Contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_give_every_timeline_date_in_the_documented_shape()
    {
        // Given the timeline of the truth
        foreach (var t in Truth.GetProperty("timeline").EnumerateArray())
        {
            // Then each date is YYYY, YYYY-MM or YYYY-MM-DD and a real calendar date
            var date = t.GetProperty("date").GetString()!;
            var format = date.Length switch { 4 => "yyyy", 7 => "yyyy-MM", 10 => "yyyy-MM-dd", _ => "?" };
            DateTime.TryParseExact(date, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _).ShouldBeTrue(date);
        }
    }

    private static string Body(string key)
    {
        var text = Corpus.WrittenText(key);
        if (Corpus.File(key).EndsWith(".html", StringComparison.Ordinal))
        {
            text = string.Join("\n", Paragraph().Matches(text).Select(m => m.Groups[1].Value));
        }

        text = text.Replace("''", "\"", StringComparison.Ordinal);
        return text.StartsWith("date ", StringComparison.Ordinal) ? text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..] : text;
    }

    private static string[] Words(string text) => [.. WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    /// <summary>The share of <paramref name="of"/>'s word n-grams that also occur in <paramref name="@in"/>.</summary>
    private static double Containment(string[] of, string[] @in, int n)
    {
        var a = Grams(of, n);
        var b = Grams(@in, n);
        return a.Count == 0 ? 0 : (double)a.Count(b.Contains) / a.Count;
    }

    private static HashSet<string> Grams(string[] w, int n) =>
        Enumerable.Range(0, Math.Max(0, w.Length - n + 1)).Select(i => string.Join(' ', w, i, n)).ToHashSet(StringComparer.Ordinal);

    private static int LongestSharedRun(string[] a, string[] b)
    {
        var n = 1;
        while (Grams(a, n).Overlaps(Grams(b, n)))
        {
            n++;
        }

        return n - 1;
    }

    private static string Trim(string quote) => quote.Trim().TrimEnd(',', '.').Trim();

    private static IEnumerable<string> Flatten(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Flatten),
        _ => [],
    };

    private static void Walk(JsonElement e, string path, Action<string, string, JsonElement> visit)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                visit(path, p.Name, p.Value);
                Walk(p.Value, $"{path}.{p.Name}", visit);
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var x in e.EnumerateArray())
            {
                Walk(x, $"{path}[{i++}]", visit);
            }
        }
    }

    /// <summary>Objects naming their article(s) with a text, an expression or a speaker mention.</summary>
    private static void CollectTexts(JsonElement e, string path, List<(string, string, string)> into)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            var keys = new List<string>();
            if (e.TryGetProperty("article", out var a) && a.ValueKind == JsonValueKind.String)
            {
                keys.Add(a.GetString()!);
            }

            if (e.TryGetProperty("articles", out var many) && many.ValueKind == JsonValueKind.Array)
            {
                keys.AddRange(Flatten(many));
            }

            foreach (var field in new[] { "text", "expression", "speaker_mention" })
            {
                if (keys.Count > 0 && e.TryGetProperty(field, out var t) && t.ValueKind == JsonValueKind.String)
                {
                    into.AddRange(keys.Select(k => ($"{path}.{field}", k, t.GetString()!)));
                }
            }

            foreach (var p in e.EnumerateObject())
            {
                CollectTexts(p.Value, $"{path}.{p.Name}", into);
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var x in e.EnumerateArray())
            {
                CollectTexts(x, $"{path}[{i++}]", into);
            }
        }
    }

    [GeneratedRegex(@"“(?<q>[^”]+)”|""(?<q>[^""]+)""|''(?<q>.+?)''", RegexOptions.CultureInvariant)]
    private static partial Regex QuoteMarks();

    [GeneratedRegex(@"<p>(.*?)</p>", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Paragraph();

    [GeneratedRegex(@"\w+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
