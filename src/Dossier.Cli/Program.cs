using System.CommandLine;
using System.Reflection;
using Dossier.Core;
using Spectre.Console;

namespace Dossier.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var interactive = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null;
        var context = new CliContext(console, Console.Out, Console.Error, TimeProvider.System, interactive);
        return Run(args, context);
    }

    /// <summary>Runs one command line against a context (tests pass their own writers and clock).</summary>
    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = BuildRoot(context);
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var e in parse.Errors)
                {
                    context.Fail(e.Message);
                }

                context.Error.WriteLine("Run 'dossier --help' for usage.");
                return ExitCodes.Usage;
            }

            return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (DossierException e)
        {
            context.Fail(e.Message);
            return ExitCodes.Failed;
        }
    }

    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("dossier: understand one news story from many sources. Every answer points into its source text.");
        var verbs = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IVerb).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .Select(t => (IVerb)Activator.CreateInstance(t)!)
            .OrderBy(v => v.Order)
            .ThenBy(v => v.GetType().Name, StringComparer.Ordinal);
        foreach (var v in verbs)
        {
            root.Subcommands.Add(v.Build(context));
        }

        return root;
    }
}
