using System.CommandLine;
using System.Globalization;
using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Reading;
using Dossier.Time;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary>
/// <c>dossier dates FILE [--date YYYY-MM-DD] [--json]</c>: the time expressions of one text file, resolved
/// against <c>--date</c> (an exact anchor) or else the article's own anchor. JSON schema: docs/json/dates.md.
/// </summary>
public sealed class DatesCommand : IVerb
{
    public int Order => 60;

    public Command Build(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A plain-text article (an optional first line 'date YYYY-MM-DD' gives its date)." };
        var date = new Option<string?>("--date") { Description = "The date relative expressions are resolved against (YYYY-MM-DD); default: the article's own date." };
        var json = CommonOptions.Json();
        var cmd = new Command("dates", "List the time expressions of a text file with their TIMEX3 types and values.") { file, date, json };
        cmd.SetAction(p =>
        {
            var path = p.GetValue(file)!;
            if (!File.Exists(path))
            {
                context.Fail($"{path}: no such file");
                return ExitCodes.Failed;
            }

            TimeAnchor? anchor = null;
            if (p.GetValue(date) is { Length: > 0 } ds)
            {
                if (!DateOnly.TryParseExact(ds, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    DossierThrow.Dossier_BadOption("--date", ds, "a date YYYY-MM-DD");
                }

                anchor = TimeAnchor.Exact(d);
            }

            var text = File.ReadAllText(path);
            var raw = new RawDocument { SourcePath = path, Format = SourceFormat.Text, RawInput = text, SourceText = text };
            var article = ArticleCleaner.Default.Clean(raw);
            string? unresolved = null;
            if (anchor is null)
            {
                (anchor, unresolved) = ArticleAnchors.Resolve(article, TimeTagger.Default);
            }

            var found = TimeTagger.Default.Tag(article.Text, anchor);
            var rows = found.Select(e =>
            {
                var src = article.Map.ToSource(new TextSpan(e.Start, e.End));
                return new DateRow(article.SourceText[src.Start..src.End], src.Start, src.End, e.Type.ToString().ToUpperInvariant(), e.Value, e.Mod,
                    e.Anchor.ToString().ToLowerInvariant(), e.CalendarDate, e.Rule);
            }).ToList();
            if (p.GetValue(json))
            {
                context.WriteJson(new
                {
                    file = path,
                    anchor = anchor is null ? null : new { date = anchor.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), kind = anchor.Kind.ToString().ToLowerInvariant(), reason = anchor.Reason },
                    unresolved,
                    expressions = rows,
                });
                return ExitCodes.Ok;
            }

            context.Console.WriteLine(anchor is null
                ? $"No anchor: {unresolved}. Relative expressions keep X."
                : $"Anchor {anchor.Date:yyyy-MM-dd} ({anchor.Kind.ToString().ToLowerInvariant()}: {anchor.Reason})");
            var t = new Table().AddColumns("text", "start", "end", "type", "value", "anchor");
            foreach (var r in rows)
            {
                t.AddRow(Markup.Escape(r.Text), r.Start.ToString(CultureInfo.InvariantCulture), r.End.ToString(CultureInfo.InvariantCulture), r.Type, Markup.Escape(r.Value), r.Anchor);
            }

            context.Console.Write(t);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>One expression: offsets into the file's text.</summary>
    public sealed record DateRow(string Text, int Start, int End, string Type, string Value, string? Mod, string Anchor, string? Date, string Rule);
}
