using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dossier.Analysis;
using Dossier.Cleaning;
using Dossier.Core;
using Dossier.Entities;
using Dossier.Entities.Ner;
using Dossier.Reading;
using Dossier.Store;
using Dossier.Text;
using Spectre.Console;

namespace Dossier.Cli.Commands;

/// <summary>
/// <c>dossier entities</c>: named entities of one file (<c>FILE [--json]</c>), NER over CoNLL columns
/// (<c>--conll FILE</c>), the resolved entities of the store, or rebuilding the NER model (<c>--train</c>).
/// JSON schema: docs/json/entities.md.
/// </summary>
public sealed class EntitiesCommand : IVerb
{
    public int Order => 40;

    public Command Build(CliContext context)
    {
        var file = new Argument<string?>("file") { Description = "A text file to tag (omit to list the store's resolved entities).", Arity = ArgumentArity.ZeroOrOne };
        var json = CommonOptions.Json();
        var db = CommonOptions.Store();
        var conll = new Option<bool>("--conll") { Description = "FILE is CoNLL-2003 columns: write each line with the predicted BIO tag appended." };
        var train = new Option<string?>("--train") { Description = "Rebuild the NER model from this CoNLL-2003 training file." };
        var dev = new Option<string?>("--dev") { Description = "With --train: the development file used to pick the epoch and report F1." };
        var unlabelled = new Option<string?>("--unlabelled") { Description = "With --train: folder of Reuters-21578 .sgm files for word clusters (default ../shared/data/reuters21578; 'none' to skip)." };
        var output = new Option<string?>("--out") { Description = "With --train: where to write the model (default src/Dossier/Entities/Data/ner.model.gz)." };
        var epochs = new Option<int>("--epochs") { Description = "With --train: training epochs.", DefaultValueFactory = _ => new NerTrainingOptions().Epochs };
        var clusterSizes = new Option<string>("--clusters") { Description = "With --train: cluster counts, coarse to fine (e.g. 64,256,1024).", DefaultValueFactory = _ => "64,256,1024" };
        var cmd = new Command("entities", "Named entities: tag a file, tag CoNLL columns, list the store's resolved entities, or rebuild the NER model.")
        {
            file, json, db, conll, train, dev, unlabelled, output, epochs, clusterSizes,
        };
        cmd.SetAction(p =>
        {
            if (p.GetValue(train) is { } trainPath)
            {
                return Train(context, trainPath, p.GetValue(dev), p.GetValue(unlabelled), p.GetValue(output), p.GetValue(epochs), p.GetValue(clusterSizes)!);
            }

            var path = p.GetValue(file);
            if (p.GetValue(conll))
            {
                if (path is null)
                {
                    context.Fail("entities --conll needs a FILE of CoNLL-2003 columns.");
                    return ExitCodes.Usage;
                }

                return TagConll(context, path);
            }

            return path is null ? ListStore(context, p.GetValue(db), p.GetValue(json)) : TagFile(context, path, p.GetValue(json));
        });
        return cmd;
    }

    private static int TagFile(CliContext context, string path, bool json)
    {
        var (input, rejection) = InputLoader.Load(path);
        if (rejection is not null || input is null)
        {
            context.Fail($"{path}: {rejection?.Message ?? "cannot read"}.");
            return ExitCodes.Failed;
        }

        var articles = new List<Article>();
        foreach (var r in ReaderRegistry.Default.Read(input))
        {
            if (r.Document is not null)
            {
                articles.Add(ArticleCleaner.Default.Clean(r.Document));
            }
        }

        if (articles.Count == 0)
        {
            context.Fail($"{path}: no article could be read from it.");
            return ExitCodes.Failed;
        }

        var layers = articles.Select(a =>
        {
            var text = NewsTextAnalyzer.Default.Analyze(a.Text);
            return (Article: a, Layer: new EntityStage().Annotate(a, text));
        }).ToList();
        var resolved = CorpusResolver.Default.Resolve(layers.Select(x => (x.Article.Id, x.Layer)));
        var mentions = new List<object>();
        var rows = new List<(string Text, string Type, string Kind, int Start, int End, string Entity, string? Role)>();
        foreach (var (a, layer) in layers)
        {
            foreach (var m in layer.Mentions)
            {
                var span = a.Map.ToSource(new TextSpan(m.Start, m.End));
                var local = m.Cluster >= 0 ? layer.Entities[m.Cluster] : null;
                var entity = local is null ? m.Text : resolved.NameOf(a.Id, local.Index) ?? local.Name;
                var contributor = m.IsContributor;
                var type = CorpusResolver.TypeName(m.Type);
                var kind = m.Kind.ToString().ToLowerInvariant();
                var surface = span.Slice(a.SourceText);
                mentions.Add(new { text = surface, type, kind, start = span.Start, end = span.End, entity, role = m.Role, contributor, article = a.Id });
                rows.Add((surface, type, kind + (contributor ? " (contributor)" : ""), span.Start, span.End, entity, m.Role));
            }
        }

        if (json)
        {
            context.WriteJson(new
            {
                file = path,
                mentions,
                entities = resolved.Entities.Select(ToJson),
            });
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]Entities in {Markup.Escape(path)}[/]").AddColumns("Text", "Type", "Kind", "Start", "End", "Entity", "Role");
        foreach (var r in rows)
        {
            table.AddRow(Markup.Escape(r.Text), r.Type, r.Kind, r.Start.ToString(CultureInfo.InvariantCulture), r.End.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.Entity), Markup.Escape(r.Role ?? ""));
        }

        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static int ListStore(CliContext context, string? db, bool json)
    {
        using var store = StoreFactory.Open(db);
        var pipeline = new DossierPipelineBuilder().Use(new TextStage()).Use(new EntityStage()).Build();
        var articles = store.Enumerate().Select(a => new AnnotatedArticle(a)).ToList();
        pipeline.AnnotateAll(articles);
        var resolved = CorpusResolver.Default.Resolve(articles.Select(a => (a.Id, a.Require<EntityLayer>())));
        if (json)
        {
            context.WriteJson(new { articles = articles.Count, entities = resolved.Entities.Select(ToJson) });
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{resolved.Entities.Count} entities in {articles.Count} articles[/]").AddColumns("Name", "Type", "Articles", "Mentions", "Aliases", "Roles");
        foreach (var e in resolved.Entities)
        {
            table.AddRow(Markup.Escape(e.Name), CorpusResolver.TypeName(e.Type), e.Articles.Count.ToString(CultureInfo.InvariantCulture), e.Mentions.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join("; ", e.Aliases)), Markup.Escape(string.Join("; ", e.Roles.Take(3))));
        }

        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static object ToJson(CorpusEntity e) => new
    {
        name = e.Name,
        type = CorpusResolver.TypeName(e.Type),
        aliases = e.Aliases,
        roles = e.Roles,
        articles = e.Articles,
        mentions = e.Mentions,
    };

    private static int TagConll(CliContext context, string path)
    {
        if (!File.Exists(path))
        {
            context.Fail($"{path}: no such file.");
            return ExitCodes.Failed;
        }

        var sentences = Conll.Read(path);
        var model = NerModel.Default;
        var docs = Conll.Windows(sentences.Select(s => s.Words).ToList());
        for (var s = 0; s < sentences.Count; s++)
        {
            var labels = NerTags.ToIob(model.Predict(sentences[s].Words, docs[s]));
            for (var i = 0; i < labels.Length; i++)
            {
                context.Out.Write(string.Join(' ', sentences[s].Columns[i]));
                context.Out.Write(' ');
                context.Out.WriteLine(labels[i]);
            }

            context.Out.WriteLine();
        }

        context.Out.Flush();
        return ExitCodes.Ok;
    }

    private static int Train(CliContext context, string trainPath, string? devPath, string? unlabelled, string? output, int epochs, string clusterSizes)
    {
        void Log(string m)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {m}"));
            context.Error.Flush();
        }

        var sw = Stopwatch.StartNew();
        var train = Conll.Read(trainPath);
        var dev = devPath is null ? null : Conll.Read(devPath);
        var sentences = train.Select(s => s.Words).ToList();
        unlabelled ??= Path.Combine("..", "shared", "data", "reuters21578");
        if (!string.Equals(unlabelled, "none", StringComparison.Ordinal))
        {
            var reuters = UnlabelledStatistics.ReadReuters(unlabelled);
            Log($"unlabelled: {reuters.Count} sentences from {unlabelled}");
            sentences.AddRange(reuters);
        }

        var capitalisation = UnlabelledStatistics.Capitalisation(sentences);
        var sizes = clusterSizes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).Where(x => x > 0).ToArray();
        var clusters = sizes.Length == 0 ? [] : UnlabelledStatistics.Clusters(sentences, sizes, log: Log);
        Log($"lexicon ready in {sw.Elapsed.TotalSeconds:0.0}s");
        var model = new NerTrainer(new NerTrainingOptions { Epochs = epochs }, Log).Train(train, dev, clusters, capitalisation);
        output ??= Path.Combine("src", "Dossier", "Entities", "Data", "ner.model.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        using (var f = File.Create(output))
        {
            model.Save(f);
        }

        Log($"wrote {output} ({new FileInfo(output).Length} bytes, {model.FeatureCount} features) in {sw.Elapsed.TotalSeconds:0.0}s");
        return ExitCodes.Ok;
    }
}
