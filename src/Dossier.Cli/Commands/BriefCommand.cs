using System.CommandLine;
using Dossier.Brief;
using Dossier.Core;
using Dossier.Store;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary><c>dossier brief STORY --format md|html|json</c>: the briefing of one story. Schema: docs/json/brief.md.</summary>
public sealed class BriefCommand : IVerb
{
    public int Order => 60;

    public Command Build(CliContext context)
    {
        var story = new Argument<string>("story") { Description = "Story id (or unique prefix) from 'dossier stories'; 'all' for every stored article as one story." };
        var format = new Option<string>("--format", "-f") { Description = "md, html or json.", DefaultValueFactory = _ => "md" };
        var json = CommonOptions.Json();
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file instead of standard output." };
        var db = CommonOptions.Store();
        var cmd = new Command("brief", "Brief one story: headline, cited summary, timeline, people, quotes, agreement, coverage, updates.")
        {
            story, format, json, output, db,
        };
        cmd.SetAction(p =>
        {
            var name = p.GetValue(json) ? "json" : p.GetValue(format) ?? "md";
            var renderer = BriefService.Renderers.FirstOrDefault(r => r.Format == name);
            if (renderer is null)
            {
                DossierThrow.Dossier_BadOption("--format", name, "md, html or json");
            }

            using var store = StoreFactory.Open(p.GetValue(db));
            var briefing = new BriefService().Brief(store, p.GetValue(story)!);
            var text = renderer.Render(briefing);
            if (p.GetValue(output) is { Length: > 0 } path)
            {
                File.WriteAllText(path, text);
                context.Console.MarkupLine($"Wrote [blue]{Markup.Escape(path)}[/] ({briefing.Sources.Count} articles, {briefing.Summary.Count} summary sentences).");
            }
            else
            {
                context.Out.Write(text);
                context.Out.Flush();
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }
}
