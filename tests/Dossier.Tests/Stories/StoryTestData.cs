using System.Globalization;
using Dossier.Core;

namespace Dossier.Tests.Stories;

/// <summary>Small hand-written articles for story tests.</summary>
internal static class StoryTestData
{
    public static Article Make(string id, string text, string? title = null, DateTimeOffset? published = null, string? outlet = null) => new()
    {
        Id = id,
        SourcePath = id + ".txt",
        Format = SourceFormat.Text,
        RawInput = text,
        SourceText = text,
        Text = text,
        Map = OffsetMap.Identity(text.Length),
        Title = title,
        Outlet = outlet,
        Published = published,
        PublishedKind = published is null ? DateKind.Unknown : DateKind.Given,
    };

    public static DateTimeOffset Day(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Two events of one kind (two earthquakes), three articles each, plus an unrelated one.</summary>
    public static IReadOnlyList<Article> TwoQuakes() =>
    [
        Make("a1", "A magnitude 6.1 earthquake struck near the town of Bam in southern Iran on Tuesday, killing 12 people. Iranian Red Crescent teams reached Bam overnight, the governor of Kerman province said.", published: Day("2024-03-05")),
        Make("b1", "A powerful earthquake of magnitude 7.4 hit the Noto peninsula in Japan on Monday. Japanese officials in Ishikawa prefecture said 30 houses collapsed in Wajima and a tsunami warning was issued.", published: Day("2024-03-04")),
        Make("a2", "Rescuers searched the rubble in Bam after Tuesday's magnitude 6.1 earthquake in Kerman province, Iran. The Red Crescent said 12 people died and dozens were hurt in Bam.", published: Day("2024-03-06")),
        Make("c1", "The central bank kept its benchmark interest rate at 4.5 percent on Wednesday, citing sticky inflation in services and a tight labour market.", published: Day("2024-03-06")),
        Make("b2", "Japan lifted the tsunami warning for the Noto peninsula after the magnitude 7.4 earthquake. In Wajima, Ishikawa prefecture, 30 houses collapsed, officials said.", published: Day("2024-03-05")),
        Make("a3", "Iran's Kerman province mourned 12 victims of the Bam earthquake as aid arrived. The magnitude 6.1 quake on Tuesday destroyed homes across Bam, the Red Crescent said.", published: Day("2024-03-07")),
        Make("b3", "Residents of Wajima returned to collapsed houses on the Noto peninsula. The magnitude 7.4 earthquake in Ishikawa prefecture, Japan, also cut power to thousands, officials said.", published: Day("2024-03-06")),
    ];
}
