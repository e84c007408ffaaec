using System.Globalization;
using System.Text.Json;
using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Reading;

namespace Dossier.Tests.Samples;

/// <summary>
/// Each sample article, read and cleaned by the library, has the metadata and cleaned text samples.json states
/// for it (tests/cases/samples.json, docs/samples.md): outlet, dateline, title, date, versions, contributors,
/// credit lines moved out, boilerplate gone, captions printed twice kept once.
/// </summary>
public sealed class SampleArticlesTests
{
    private static readonly Lazy<IReadOnlyList<Article>> Read = new(ReadAll);

    private static SampleCorpus Corpus => SampleCorpus.Default;

    public static TheoryData<string> Keys() => [.. SampleCorpus.Default.Keys];

    /// <summary>
    /// Checks the readers and cleaner do not pass yet, reported to the lead under issue 3. Each must still fail
    /// (a strict expected failure): when one is fixed, this test fails until its entry is removed.
    /// </summary>
    private static readonly HashSet<(string Key, string Check)> KnownGaps = [];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Should_read_and_clean_the_sample_as_it_was_written(string key)
    {
        // Given a sample article, read and cleaned, and what its authors wrote into it
        var truth = Corpus.Article(key);
        var a = Find(key);

        // When each stated fact is checked
        var results = Checks(truth, a).Select(c => (c.Name, Error: Run(c.Check))).ToList();

        // Then every fact holds, except the known gaps, which still fail
        results.Where(r => r.Error is not null && !KnownGaps.Contains((key, r.Name))).Select(r => $"{r.Name}: {r.Error}").ShouldBeEmpty();
        results.Where(r => r.Error is null && KnownGaps.Contains((key, r.Name))).Select(r => $"{r.Name} passes now: remove it from KnownGaps").ShouldBeEmpty();
    }

    private static string? Run(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (ShouldAssertException e)
        {
            return e.Message.ReplaceLineEndings(" ");
        }
    }

    private static IEnumerable<(string Name, Action Check)> Checks(JsonElement truth, Article a)
    {
        var text = Normal(a.Text);

        // Metadata: outlet, dateline, title, byline, publication date and whether it was given
        yield return ("outlet", () => a.Outlet.ShouldBe(Str(truth, "outlet")));
        yield return ("dateline", () => a.Dateline.ShouldBe(Str(truth, "dateline")));
        yield return ("dateline_span", () =>
        {
            if (Str(truth, "dateline") is { } dateline)
            {
                var span = a.DatelineSpan.ShouldNotBeNull();
                a.Text[span.Start..span.End].ShouldStartWith(dateline);
                char.IsLetterOrDigit(a.Text[span.End]).ShouldBeTrue("the lead starts right after the dateline");
            }
            else
            {
                a.DatelineSpan.ShouldBeNull();
            }
        });
        yield return ("title", () => a.Title.ShouldBe(Str(truth, "title")));
        yield return ("byline", () => a.Byline.ShouldBe(Str(truth, "byline")));
        yield return ("published", () =>
        {
            var published = Str(truth, "published");
            if (published is null)
            {
                a.PublishedKind.ShouldNotBe(DateKind.Given);
                return;
            }

            var expected = published.Length == 10
                ? DateTimeOffset.ParseExact(published, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : DateTimeOffset.Parse(published, CultureInfo.InvariantCulture);
            a.Published.ShouldNotBeNull();
            a.Published.Value.ToUniversalTime().ShouldBe(expected.ToUniversalTime());
            a.PublishedKind.ShouldBe(DateKind.Given);
        });

        // Versions, contributors, and credit lines moved out of the body
        yield return ("versions", () => a.Versions.Count.ShouldBe(truth.GetProperty("versions").GetInt32()));
        yield return ("contributors", () => a.Contributors.Order(StringComparer.Ordinal).ShouldBe(Strings(truth, "contributors").Order(StringComparer.Ordinal)));
        yield return ("credit_lines", () =>
        {
            foreach (var line in Strings(truth, "credit_lines"))
            {
                a.CreditLines.Select(Normal).ShouldContain(Normal(line));
                text.ShouldNotContain(Normal(line));
            }
        });

        // The cleaned text starts where the article starts, with no page furniture or separator in it
        yield return ("starts_with", () =>
        {
            if (Str(truth, "starts_with") is { } start)
            {
                text.ShouldStartWith(Normal(start));
            }
        });
        yield return ("boilerplate", () =>
        {
            foreach (var boilerplate in Strings(truth, "boilerplate"))
            {
                text.ShouldNotContain(Normal(boilerplate));
            }
        });
        yield return ("separator", () =>
        {
            if (Str(truth, "separator") is { } separator)
            {
                text.ShouldNotContain(separator);
            }
        });

        // An update is split at its marker: the newest version last in Versions, the previous one first
        yield return ("marker", () =>
        {
            if (Str(truth, "marker") is { } marker)
            {
                text.ShouldNotContain(Normal(marker));
                a.Versions.ShouldContain(v => v.Marker != null && Normal(v.Marker).Contains(Normal(marker), StringComparison.Ordinal));
                Normal(a.Latest.Slice(a.Text)).ShouldStartWith(Normal(Str(truth, "latest_starts_with")!));
                Normal(a.Versions[0].Span.Slice(a.Text)).ShouldStartWith(Normal(Str(truth, "previous_starts_with")!));
            }
        });

        // A caption printed twice is kept once, and ''double apostrophes'' read as quotation marks
        yield return ("captions", () =>
        {
            foreach (var caption in Strings(truth, "captions"))
            {
                Occurrences(text, Normal(caption)).ShouldBeLessThanOrEqualTo(1, caption);
            }
        });
        yield return ("quote_marks", () => text.ShouldNotContain("''"));
    }

    private static Article Find(string key)
    {
        var articles = Read.Value;
        var at = Corpus.IndexOf(key, articles, a => a.SourcePath);
        at.ShouldBeGreaterThanOrEqualTo(0, $"no article read for sample '{key}'");
        return articles[at];
    }

    private static List<Article> ReadAll()
    {
        var all = new List<Article>();
        foreach (var (path, rejection) in InputLoader.Expand([Corpus.SamplesRoot]))
        {
            rejection.ShouldBeNull();
            var (input, bad) = InputLoader.Load(path);
            bad.ShouldBeNull();
            foreach (var r in ReaderRegistry.Default.Read(input!))
            {
                r.Rejection.ShouldBeNull();
                all.Add(ArticleCleaner.Default.Clean(r.Document!));
            }
        }

        return all;
    }

    /// <summary>Quote marks and dashes folded, so the truth (as written) compares with cleaned text (normalised).</summary>
    private static string Normal(string s) => s
        .Replace("''", "\"", StringComparison.Ordinal)
        .Replace('“', '"').Replace('”', '"').Replace('‘', '\'').Replace('’', '\'');

    private static int Occurrences(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(x => x.GetString()!)] : [];
}
