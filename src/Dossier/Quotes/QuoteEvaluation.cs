using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Corpora;
using Dossier.Reading;

namespace Dossier.Quotes;

/// <summary>Scores of one set (direct quotes, or all attributions).</summary>
public sealed record QuoteScore(int Predicted, int Gold, int MatchedPredicted, int MatchedGold, int ExactPredicted, int ExactGold, int SourceCorrect, int SourceTotal)
{
    public double Precision => Predicted == 0 ? 0 : (double)MatchedPredicted / Predicted;

    public double Recall => Gold == 0 ? 0 : (double)MatchedGold / Gold;

    /// <summary>Content-span overlap F1: a prediction is right when it overlaps a gold content span, and a gold span is found when a prediction overlaps it.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Exact-match F1: spans equal after trimming spaces and punctuation at both ends.</summary>
    public double ExactF1
    {
        get
        {
            var p = Predicted == 0 ? 0 : (double)ExactPredicted / Predicted;
            var r = Gold == 0 ? 0 : (double)ExactGold / Gold;
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /// <summary>Of the gold spans found that name a source, the share whose best prediction's speaker overlaps that source.</summary>
    public double SourceAccuracy => SourceTotal == 0 ? 0 : (double)SourceCorrect / SourceTotal;
}

/// <summary>The result of scoring an extractor on a PolNeAR split.</summary>
public sealed record QuoteEvalReport(int Documents, QuoteScore Direct, QuoteScore All)
{
    /// <summary>
    /// Direct quotes under the second scorer ("attributed match"): every quote the extractor marks direct (full or
    /// partial) is a prediction, right when it overlaps any gold content span; gold direct spans as for <see cref="Direct"/>.
    /// </summary>
    public QuoteScore DirectAttributed { get; init; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Errors for inspection, by set ("direct", "direct-attributed", "all"): "miss" (gold not found), "extra" (prediction matching no gold), "source".</summary>
    public IReadOnlyList<QuoteEvalError> Errors { get; init; } = [];
}

/// <summary>One scoring error with its text.</summary>
public sealed record QuoteEvalError(string Document, string Kind, string Set, string Text, string? Detail);

/// <summary>
/// Scores quote extraction against PolNeAR, whose attributions carry no direct/indirect label. Gold direct quotes are
/// content spans at least half of whose characters lie between quote marks. Direct quotes are scored two ways: the
/// first scorer applies the same half-quoted rule to the predictions and matches them with gold direct spans only; the
/// second ("attributed match") takes every quote the extractor marks direct and counts it right when it overlaps any
/// gold content span. "All" compares every gold content span with every prediction (partial quotes count only when no
/// reported statement contains them).
/// </summary>
public static class QuoteEvaluation
{
    /// <summary>Scores the extractor alone on each article's cleaned text.</summary>
    public static QuoteEvalReport Score(IReadOnlyList<PolNearDocument> docs, IQuoteExtractor extractor)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        return Score(docs, a => extractor.Extract(a.Text).Quotes);
    }

    /// <summary>Scores whatever produces the quotes of an article (the whole pipeline: <c>dossier eval-quotes</c>).</summary>
    public static QuoteEvalReport Score(IReadOnlyList<PolNearDocument> docs, Func<Article, IReadOnlyList<Quote>> quotesOf)
    {
        ArgumentNullException.ThrowIfNull(docs);
        ArgumentNullException.ThrowIfNull(quotesOf);
        var direct = new Acc { Set = "direct" };
        var attributed = new Acc { Set = "direct-attributed" };
        var all = new Acc { Set = "all" };
        foreach (var doc in docs)
        {
            var article = ArticleCleaner.Default.Clean(new RawDocument
            {
                SourcePath = doc.Name,
                Format = SourceFormat.Text,
                RawInput = doc.Text,
                SourceText = doc.Text,
            });
            var quotes = quotesOf(article);
            var preds = quotes.Select(q => new Pred(
                    article.Map.ToSource(q.Span),
                    q.SpeakerStart >= 0 ? article.Map.ToSource(new TextSpan(q.SpeakerStart, q.SpeakerEnd)) : null,
                    q.Direct && !q.Partial,
                    q.Partial,
                    !q.Direct))
                .ToList();
            var reported = preds.Where(p => p.Reported).ToList();
            var quoted = QuotedMask(doc.Text);

            // Second scorer: the extractor's own direct quotes (a partial one stands for itself unless its statement is
            // mostly quoted, which then counts instead) and the reported statements mostly between quote marks.
            var quotedReported = reported.Where(r => MostlyQuoted(r.Span, quoted)).ToList();
            var ownDirect = preds.Where(p => (!p.Reported && !(p.Partial && quotedReported.Any(r => r.Span.Start <= p.Span.Start && p.Span.End <= r.Span.End + 1)))
                || (p.Reported && MostlyQuoted(p.Span, quoted))).ToList();

            // The rule that makes a gold content span direct makes a predicted one direct: a reported statement at
            // least half of whose characters lie between quote marks (called Trump “unhinged.”) is a direct quote; a
            // partial quote counts when its statement is not, and it is at least half of it (or has none).
            preds = [.. preds.Select(p => p.Reported ? (MostlyQuoted(p.Span, quoted) ? p with { Direct = true } : p)
                : p.Partial && IsMostOfHost(p, reported, quoted) ? p with { Direct = true } : p)];
            var allPreds = preds.Where(p => !p.Partial || !reported.Any(r => r.Span.Overlaps(p.Span))).ToList();
            var goldDirect = doc.Attributions.Where(a => IsDirect(a, quoted)).ToList();
            direct.Doc = attributed.Doc = all.Doc = doc.Name;
            Add(direct, doc.Text, preds.Where(p => p.Direct).ToList(), goldDirect, goldDirect, preds, doc.Attributions);
            Add(attributed, doc.Text, ownDirect, goldDirect, doc.Attributions, preds, doc.Attributions);
            Add(all, doc.Text, allPreds, doc.Attributions, doc.Attributions, preds, doc.Attributions);
        }

        return new QuoteEvalReport(docs.Count, direct.ToScore(), all.ToScore())
        {
            DirectAttributed = attributed.ToScore(),
            Errors = [.. direct.Errors, .. attributed.Errors, .. all.Errors],
        };
    }

    /// <summary>
    /// The naive baseline: every span between quote marks (<see cref="QuoteMarks"/>, the same finder the gold rule
    /// uses) of at least <paramref name="minWords"/> words as a direct quote with no speaker, nothing else
    /// (<c>dossier eval-quotes PATH --baseline marks</c>, or <c>marks3</c> for three words or more).
    /// </summary>
    public static IReadOnlyList<Quote> MarksBaseline(Article article, int minWords = 1)
    {
        ArgumentNullException.ThrowIfNull(article);
        var text = article.Text;
        return [.. QuoteMarks.Find(text, Paragraphs(text)).Where(q => WordCount(text, q.InnerStart, q.InnerEnd) >= Math.Max(1, minWords)).Select(q => new Quote
        {
            Start = q.Start,
            End = q.End,
            Text = text[q.Start..q.End],
            Direct = true,
        })];
    }

    private static int WordCount(string text, int start, int end)
    {
        var n = 0;
        for (var i = start; i < end; i++)
        {
            if (char.IsLetterOrDigit(text[i]) && (i == start || !char.IsLetterOrDigit(text[i - 1])))
            {
                n++;
            }
        }

        return n;
    }

    private static bool IsMostOfHost(Pred p, List<Pred> reported, bool[] quoted)
    {
        var host = reported.FirstOrDefault(r => r.Span.Start <= p.Span.Start && p.Span.End <= r.Span.End + 1);
        return host is null || (!MostlyQuoted(host.Span, quoted) && p.Span.Length * 2 >= host.Span.Length);
    }

    private static bool MostlyQuoted(TextSpan s, bool[] quoted)
    {
        int inside = 0, total = 0;
        for (var i = s.Start; i < s.End && i < quoted.Length; i++)
        {
            total++;
            inside += quoted[i] ? 1 : 0;
        }

        return total > 0 && inside * 2 >= total;
    }

    private static List<(int, int)> Paragraphs(string text)
    {
        var paragraphs = new List<(int, int)>();
        var s = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                if (i > s)
                {
                    paragraphs.Add((s, i));
                }

                s = i + 1;
            }
        }

        return paragraphs;
    }

    private static bool[] QuotedMask(string text)
    {
        var mask = new bool[text.Length];
        foreach (var q in QuoteMarks.Find(text, Paragraphs(text)))
        {
            for (var i = q.Start; i < q.End && i < mask.Length; i++)
            {
                mask[i] = true;
            }
        }

        return mask;
    }

    private static bool IsDirect(PolNearAttribution a, bool[] quoted)
    {
        int inside = 0, total = 0;
        foreach (var f in a.Content)
        {
            for (var i = f.Start; i < f.End && i < quoted.Length; i++)
            {
                total++;
                if (quoted[i])
                {
                    inside++;
                }
            }
        }

        return total > 0 && inside * 2 >= total;
    }

    /// <summary>Scores one document's predictions: a prediction is right when it overlaps a span of <paramref name="rightWhen"/>; a span of <paramref name="gold"/> is found when a prediction overlaps it.</summary>
    private static void Add(Acc acc, string text, List<Pred> preds, IReadOnlyList<PolNearAttribution> gold, IReadOnlyList<PolNearAttribution> rightWhen, List<Pred> every, IReadOnlyList<PolNearAttribution> everyGold)
    {
        acc.Predicted += preds.Count;
        acc.Gold += gold.Count;
        foreach (var p in preds)
        {
            if (rightWhen.Any(g => g.Content.Any(f => f.Overlaps(p.Span))))
            {
                acc.MatchedPredicted++;
            }
            else
            {
                // The gold content of any kind that the prediction overlaps (a lead-in the gold direct rule rejected), if any.
                var over = everyGold.FirstOrDefault(g => g.Content.Any(f => f.Overlaps(p.Span)));
                acc.Errors.Add(new QuoteEvalError(acc.Doc, "extra", acc.Set, p.Span.Slice(text), (p.Partial ? "partial; " : p.Reported ? "reported; " : "") + (over is null ? Context(text, p.Span) : "gold content: " + string.Join(" … ", over.Content.Select(c => c.Slice(text))))));
            }

            if (rightWhen.Any(g => g.Content.Count == 1 && SameTrimmed(text, g.Content[0], p.Span)))
            {
                acc.ExactPredicted++;
            }
        }

        foreach (var g in gold)
        {
            Pred? best = null;
            var bestOverlap = 0;
            foreach (var p in preds)
            {
                var o = g.Content.Sum(f => Math.Max(0, Math.Min(f.End, p.Span.End) - Math.Max(f.Start, p.Span.Start)));
                if (o > bestOverlap)
                {
                    bestOverlap = o;
                    best = p;
                }
            }

            if (best is null)
            {
                // What the extractor did find there (a reported statement, a partial quote), if anything.
                var near = every.FirstOrDefault(p => g.Content.Any(f => f.Overlaps(p.Span)));
                var found = near is null ? "" : $" || found {(near.Direct ? "direct" : near.Partial ? "partial" : "reported")}: {near.Span.Slice(text)}";
                acc.Errors.Add(new QuoteEvalError(acc.Doc, "miss", acc.Set, string.Join(" … ", g.Content.Select(c => c.Slice(text))), Context(text, g.Content[0]) + found));
                continue;
            }

            acc.MatchedGold++;
            if (g.Content.Count == 1 && SameTrimmed(text, g.Content[0], best.Span))
            {
                acc.ExactGold++;
            }

            if (g.Source.Count > 0)
            {
                acc.SourceTotal++;
                if (best.Speaker is { } sp && g.Source.Any(s => s.Overlaps(sp)))
                {
                    acc.SourceCorrect++;
                }
                else
                {
                    acc.Errors.Add(new QuoteEvalError(acc.Doc, "source", acc.Set, best.Span.Slice(text), $"gold '{string.Join(" ", g.Source.Select(s => s.Slice(text)))}', predicted '{(best.Speaker is { } x ? x.Slice(text) : "")}'"));
                }
            }
        }
    }

    private static string Context(string text, TextSpan s)
    {
        var a = Math.Max(0, s.Start - 120);
        var b = Math.Min(text.Length, s.End + 120);
        return text[a..s.Start] + "[[" + text[s.Start..s.End] + "]]" + text[s.End..b];
    }

    private static bool SameTrimmed(string text, TextSpan a, TextSpan b) =>
        Trim(text, a).SequenceEqual(Trim(text, b));

    private static ReadOnlySpan<char> Trim(string text, TextSpan s)
    {
        var e = Math.Min(s.End, text.Length);
        var st = Math.Min(s.Start, e);
        return text.AsSpan(st, e - st).Trim(" \t\r\n.,;:\"“”'‘’".AsSpan());
    }

    private sealed record Pred(TextSpan Span, TextSpan? Speaker, bool Direct, bool Partial, bool Reported);

    private sealed class Acc
    {
        public int Predicted;
        public int Gold;
        public int MatchedPredicted;
        public int MatchedGold;
        public int ExactPredicted;
        public int ExactGold;
        public int SourceCorrect;
        public int SourceTotal;

        public string Set = "";

        public string Doc = "";

        public List<QuoteEvalError> Errors { get; } = [];

        public QuoteScore ToScore() => new(Predicted, Gold, MatchedPredicted, MatchedGold, ExactPredicted, ExactGold, SourceCorrect, SourceTotal);
    }
}
