namespace Dossier.Entities.Ner;

/// <summary>
/// BILOU tags over the four CoNLL types: 0 = O; for type t (0 PER, 1 ORG, 2 LOC, 3 MISC) B = 1 + 4t,
/// I = 2 + 4t, L = 3 + 4t, U = 4 + 4t.
/// </summary>
public static class NerTags
{
    public const int Count = 17;

    public const int O = 0;

    private static readonly string[] Types = ["PER", "ORG", "LOC", "MISC"];

    public static int Type(int tag) => tag == O ? -1 : (tag - 1) / 4;

    /// <summary>0 B, 1 I, 2 L, 3 U; -1 for O.</summary>
    public static int Position(int tag) => tag == O ? -1 : (tag - 1) % 4;

    public static int Make(int type, int position) => 1 + (4 * type) + position;

    public static string TypeName(int type) => Types[type];

    public static int ParseType(ReadOnlySpan<char> s) => s switch
    {
        "PER" => 0,
        "ORG" => 1,
        "LOC" => 2,
        "MISC" => 3,
        _ => -1,
    };

    public static EntityType ToEntityType(int type) => type switch
    {
        0 => EntityType.Person,
        1 => EntityType.Organization,
        2 => EntityType.Location,
        _ => EntityType.Misc,
    };

    /// <summary>Whether <paramref name="tag"/> may follow <paramref name="prev"/> (prev = -1 at the sentence start).</summary>
    public static bool Allowed(int prev, int tag)
    {
        var open = prev >= 0 && Position(prev) is 0 or 1;
        if (open)
        {
            return Type(tag) == Type(prev) && Position(tag) is 1 or 2;
        }

        return tag == O || Position(tag) is 0 or 3;
    }

    /// <summary>Whether a sentence may end after <paramref name="tag"/>.</summary>
    public static bool CanEnd(int tag) => tag == O || Position(tag) is 2 or 3;

    /// <summary>Entity spans <c>(start, end, type)</c> (token indices, end exclusive) from BILOU tags.</summary>
    public static List<(int Start, int End, int Type)> Spans(ReadOnlySpan<byte> tags)
    {
        var spans = new List<(int, int, int)>();
        var start = -1;
        for (var i = 0; i < tags.Length; i++)
        {
            int t = tags[i];
            switch (Position(t))
            {
                case 0:
                    start = i;
                    break;
                case 2:
                    if (start >= 0)
                    {
                        spans.Add((start, i + 1, Type(t)));
                    }

                    start = -1;
                    break;
                case 3:
                    spans.Add((i, i + 1, Type(t)));
                    start = -1;
                    break;
                case -1:
                    start = -1;
                    break;
                default:
                    break;
            }
        }

        return spans;
    }

    /// <summary>BILOU tags from IOB1/IOB2 labels such as "B-PER", "I-ORG", "O".</summary>
    public static byte[] FromIob(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var n = labels.Count;
        var types = new int[n];
        var begins = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var l = labels[i];
            if (l.Length < 3)
            {
                types[i] = -1;
                continue;
            }

            types[i] = ParseType(l.AsSpan(2));
            begins[i] = l[0] == 'B' || i == 0 || types[i - 1] != types[i];
        }

        var tags = new byte[n];
        for (var i = 0; i < n; i++)
        {
            if (types[i] < 0)
            {
                continue;
            }

            var continues = i + 1 < n && types[i + 1] == types[i] && !begins[i + 1];
            var position = begins[i] ? (continues ? 0 : 3) : (continues ? 1 : 2);
            tags[i] = (byte)Make(types[i], position);
        }

        return tags;
    }

    /// <summary>IOB2 labels ("B-PER", "I-PER", "O") from BILOU tags.</summary>
    public static string[] ToIob(ReadOnlySpan<byte> tags)
    {
        var labels = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            int t = tags[i];
            labels[i] = t == O ? "O" : (Position(t) is 0 or 3 ? "B-" : "I-") + TypeName(Type(t));
        }

        return labels;
    }
}
