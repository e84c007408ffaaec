using System.CommandLine;
using System.Globalization;
using Dossier.Core;
using Dossier.Store;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary><c>dossier show ID</c>: one article with its metadata and cleaned text. JSON schema: docs/json/show.md.</summary>
public sealed class ShowCommand : IVerb
{
    public int Order => 30;

    public Command Build(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "Article id or a unique prefix of it." };
        var json = CommonOptions.Json();
        var db = CommonOptions.Store();
        var raw = new Option<bool>("--raw") { Description = "Also print the raw input." };
        var cmd = new Command("show", "Show one stored article.") { id, json, db, raw };
        cmd.SetAction(p =>
        {
            using var store = StoreFactory.Open(p.GetValue(db));
            var a = store.Get(p.GetValue(id)!);
            if (a is null)
            {
                DossierThrow.Dossier_ArticleNotFound(p.GetValue(id)!);
            }

            if (p.GetValue(json))
            {
                context.WriteJson(new
                {
                    id = a.Id,
                    source_path = a.SourcePath,
                    format = a.Format.ToString().ToLowerInvariant(),
                    outlet = a.Outlet,
                    published = a.Published?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    published_kind = a.PublishedKind.ToString().ToLowerInvariant(),
                    dateline = a.Dateline,
                    title = a.Title,
                    byline = a.Byline,
                    url = a.Url,
                    contributors = a.Contributors,
                    credit_lines = a.CreditLines,
                    versions = a.Versions.Select(v => new { index = v.Index, start = v.Span.Start, end = v.Span.End, source_start = a.Map.ToSource(v.Span).Start, source_end = a.Map.ToSource(v.Span).End, marker = v.Marker }),
                    captions = a.Captions.Select(c => new { start = c.Start, end = c.End, source_start = a.Map.ToSource(c).Start, source_end = a.Map.ToSource(c).End }),
                    paragraphs = a.Paragraphs.Select(c => new { start = c.Start, end = c.End, source_start = a.Map.ToSource(c).Start, source_end = a.Map.ToSource(c).End }),
                    metadata = a.Metadata,
                    text = a.Text,
                    source_text = a.SourceText,
                    raw_input = p.GetValue(raw) ? a.RawInput : null,
                });
                return ExitCodes.Ok;
            }

            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            void Row(string k, string? v) => grid.AddRow($"[grey]{k}[/]", Markup.Escape(v ?? "-"));
            Row("id", a.Id);
            Row("source", a.SourcePath);
            Row("format", a.Format.ToString());
            Row("title", a.Title);
            Row("outlet", a.Outlet);
            Row("dateline", a.Dateline);
            Row("published", a.Published is null ? null : $"{a.Published:yyyy-MM-dd HH:mm}Z ({a.PublishedKind.ToString().ToLowerInvariant()})");
            Row("byline", a.Byline);
            Row("contributors", a.Contributors.Count == 0 ? null : string.Join("; ", a.Contributors));
            Row("versions", a.Versions.Count.ToString(CultureInfo.InvariantCulture));
            context.Console.Write(grid);
            context.Console.WriteLine();
            context.Console.Write(new Panel(Markup.Escape(a.Text)).Header("text").Border(BoxBorder.Rounded));
            if (p.GetValue(raw))
            {
                context.Console.Write(new Panel(Markup.Escape(a.RawInput)).Header("raw input"));
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }
}
