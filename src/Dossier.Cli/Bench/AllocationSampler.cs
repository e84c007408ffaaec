using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace Dossier.Cli.Bench;

/// <summary>
/// A diagnostic for the benches: the runtime's allocation sample events (one per ~100 KB allocated, with the type of
/// the object that crossed the mark) summed by type, written as tab-separated lines to the file named
/// by <c>DOSSIER_ALLOC_PROFILE</c> when the bench ends. Off (nothing subscribed) when the variable is not set.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string Variable = "DOSSIER_ALLOC_PROFILE";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _byType = new(StringComparer.Ordinal);

    private AllocationSampler()
    {
    }

    /// <summary>A running sampler when <c>DOSSIER_ALLOC_PROFILE</c> names a file, else null.</summary>
    public static AllocationSampler? StartIfAsked() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)) ? null : new AllocationSampler();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var amount = 0L;
        var type = "?";
        for (var i = 0; i < eventData.Payload.Count; i++)
        {
            switch (eventData.PayloadNames?[i])
            {
                case "AllocationAmount64":
                    amount = Convert.ToInt64(eventData.Payload[i], CultureInfo.InvariantCulture);
                    break;
                case "TypeName":
                    type = eventData.Payload[i] as string ?? "?";
                    break;
            }
        }

        _byType.AddOrUpdate(type, amount, (_, v) => v + amount);
    }

    /// <summary>Writes the sums (largest first) to the file the variable names.</summary>
    public void Write()
    {
        var path = Environment.GetEnvironmentVariable(Variable)!;
        var sb = new StringBuilder();
        foreach (var (key, value) in _byType.OrderByDescending(x => x.Value).Take(60))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{value / 1048576.0:F0} MiB\t{key}\n");
        }

        File.WriteAllText(path, sb.ToString());
    }
}
