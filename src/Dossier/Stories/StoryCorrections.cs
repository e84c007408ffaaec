using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dossier.Stories;

/// <summary>One user correction: merge two stories, or split articles out of a story into a new one.</summary>
public sealed class StoryCorrection
{
    /// <summary>"merge" or "split".</summary>
    [JsonPropertyName("op")]
    public string Op { get; set; } = "";

    /// <summary>merge: the story that stays (its id at the time) and an article anchoring it (its founder).</summary>
    [JsonPropertyName("into")]
    public string? Into { get; set; }

    [JsonPropertyName("into_anchor")]
    public string? IntoAnchor { get; set; }

    /// <summary>merge: the story absorbed and its anchor article.</summary>
    [JsonPropertyName("from")]
    public string? From { get; set; }

    [JsonPropertyName("from_anchor")]
    public string? FromAnchor { get; set; }

    /// <summary>split: the articles moved to a story of their own.</summary>
    [JsonPropertyName("articles")]
    public List<string> Articles { get; set; } = [];
}

/// <summary>
/// The user's corrections, in the order given, persisted in the store (state key <c>stories/corrections</c>) and
/// applied on top of any clustering (incremental or rebuilt), so they survive new ingests and re-clustering.
/// Corrections are anchored on articles, not on story ids: "the story holding article X absorbs the story
/// holding article Y"; "articles X, Y form their own story".
/// </summary>
public sealed class StoryCorrections
{
    public const string StateKey = "stories/corrections";

    public List<StoryCorrection> Items { get; } = [];

    public static StoryCorrections Parse(string? json)
    {
        var c = new StoryCorrections();
        if (!string.IsNullOrWhiteSpace(json))
        {
            c.Items.AddRange(JsonSerializer.Deserialize<List<StoryCorrection>>(json) ?? []);
        }

        return c;
    }

    public string ToJson() => JsonSerializer.Serialize(Items);

    /// <summary>Applies the corrections to groups (story id → member article ids in order); returns the corrected groups.</summary>
    public Dictionary<string, List<string>> Apply(Dictionary<string, List<string>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var storyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, members) in groups)
        {
            foreach (var m in members)
            {
                storyOf[m] = id;
            }
        }

        foreach (var c in Items)
        {
            if (c.Op == "merge" && c.IntoAnchor is { } ia && c.FromAnchor is { } fa
                && storyOf.TryGetValue(ia, out var into) && storyOf.TryGetValue(fa, out var from) && into != from)
            {
                foreach (var m in groups[from])
                {
                    groups[into].Add(m);
                    storyOf[m] = into;
                }

                groups.Remove(from);
            }
            else if (c.Op == "split" && c.Articles.Count > 0)
            {
                var moved = c.Articles.Where(storyOf.ContainsKey).ToList();
                if (moved.Count == 0)
                {
                    continue;
                }

                var id = StoryIds.For(moved[0]);
                if (groups.ContainsKey(id) && groups[id].All(moved.Contains))
                {
                    // Already its own story.
                    continue;
                }

                if (groups.ContainsKey(id))
                {
                    id += "-split";
                }

                foreach (var m in moved)
                {
                    var old = storyOf[m];
                    groups[old].Remove(m);
                    if (groups[old].Count == 0)
                    {
                        groups.Remove(old);
                    }
                }

                groups[id] = moved;
                foreach (var m in moved)
                {
                    storyOf[m] = id;
                }
            }
        }

        return groups;
    }
}
