using System.CommandLine;
using System.Globalization;
using Dossier.Copies;
using Dossier.Core;
using Dossier.Store;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary>
/// <c>dossier diff A B</c>: the passages of two stored articles aligned sentence by sentence, marked shared,
/// reworded, new (only in B) or dropped (only in A), with offsets into each article's text as read from its
/// file. JSON schema: docs/json/diff.md.
/// </summary>
public sealed class DiffCommand : IVerb
{
    public int Order => 41;

    public Command Build(CliContext context)
    {
        var a = new Argument<string>("a") { Description = "The earlier article: id or unique prefix." };
        var b = new Argument<string>("b") { Description = "The later article: id or unique prefix." };
        var json = CommonOptions.Json();
        var db = CommonOptions.Store();
        var cmd = new Command("diff", "Align two stored articles: which passages are shared, reworded, new or dropped.") { a, b, json, db };
        cmd.SetAction(p =>
        {
            using var store = StoreFactory.Open(p.GetValue(db));
            var first = store.Get(p.GetValue(a)!);
            if (first is null)
            {
                DossierThrow.Dossier_ArticleNotFound(p.GetValue(a)!);
            }

            var second = store.Get(p.GetValue(b)!);
            if (second is null)
            {
                DossierThrow.Dossier_ArticleNotFound(p.GetValue(b)!);
            }

            var da = CopyDoc.Of(first);
            var db2 = CopyDoc.Of(second);
            var match = CopyComparer.Default.Compare(da.Profile, db2.Profile, db2.EarlierVersions, "diff");
            var alignment = SentenceAligner.Align(da.Profile, db2.Profile);
            var passages = SentenceAligner.Passages(alignment);
            if (p.GetValue(json))
            {
                context.WriteJson(new
                {
                    a = first.Id,
                    b = second.Id,
                    kind = match is null ? null : CopyComparer.Name(match.Kind),
                    score = match?.Score,
                    coverage_a = Math.Round(alignment.CoverageA, 4),
                    coverage_b = Math.Round(alignment.CoverageB, 4),
                    passages = passages.Select(x => new
                    {
                        status = x.Status.ToString().ToLowerInvariant(),
                        a = x.A is { } sa ? Span(first, sa) : null,
                        b = x.B is { } sb ? Span(second, sb) : null,
                        sentences = x.Sentences,
                        score = Math.Round(x.Score, 4),
                    }),
                });
                return ExitCodes.Ok;
            }

            context.Console.MarkupLine(match is null
                ? $"[bold]{first.Id}[/] and [bold]{second.Id}[/] are not copies."
                : $"[bold]{second.Id}[/] is a [blue]{CopyComparer.Name(match.Kind)}[/] of [bold]{first.Id}[/] (score {match.Score.ToString("0.00", CultureInfo.InvariantCulture)}).");
            var t = new Table().Border(TableBorder.Rounded).AddColumns("Status", "A", "B").ShowRowSeparators();
            foreach (var x in passages)
            {
                var color = x.Status switch
                {
                    PassageStatus.Shared => "grey",
                    PassageStatus.Reworded => "yellow",
                    PassageStatus.New => "green",
                    _ => "red",
                };
                t.AddRow($"[{color}]{x.Status.ToString().ToLowerInvariant()}[/]",
                    x.A is { } sa ? Markup.Escape(Clip(sa.Slice(first.Text))) : "",
                    x.B is { } sb ? Markup.Escape(Clip(sb.Slice(second.Text))) : "");
            }

            context.Console.Write(t);
            context.Console.MarkupLine($"{alignment.SharedCount} shared, {alignment.RewordedCount} reworded, {alignment.NewCount} new, {alignment.DroppedCount} dropped sentences.");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static object Span(Article article, TextSpan clean)
    {
        var s = article.Map.ToSource(clean);
        return new { start = s.Start, end = s.End, text = s.Slice(article.SourceText) };
    }

    private static string Clip(string s) => s.Length <= 300 ? s : string.Concat(s.AsSpan(0, 299), "…");
}
