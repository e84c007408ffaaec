using Dossier.Core;
using FsCheck;
using FsCheck.Fluent;

namespace Dossier.Tests.Core;

public sealed class OffsetMapTests
{
    [Fact]
    public void Should_map_copied_and_replaced_runs_back_to_source()
    {
        // Given a source with a doubled quote mark replaced by one character
        var source = "He said ''yes'' today.";
        var b = new OffsetMap.Builder(source);
        b.Copy(0, 8).Replace(8, 2, "\"").Copy(10, 3).Replace(13, 2, "\"").Copy(15, source.Length - 15);

        // When it is built
        var (text, map) = b.Build();

        // Then the text is normalised and every clean span maps to the source run it came from
        text.ShouldBe("He said \"yes\" today.");
        var yes = new TextSpan(text.IndexOf("yes", StringComparison.Ordinal), text.IndexOf("yes", StringComparison.Ordinal) + 3);
        map.ToSource(yes).Slice(source).ShouldBe("yes");
        var quoted = new TextSpan(8, 13);
        map.ToSource(quoted).Slice(source).ShouldBe("''yes''");
        map.ToSource(new TextSpan(14, 19)).Slice(source).ShouldBe("today");
    }

    [Fact]
    public void Should_skip_deleted_runs()
    {
        var source = "date 2023-09-13 Body text.";
        var b = new OffsetMap.Builder(source);
        b.Copy(16, source.Length - 16);
        var (text, map) = b.Build();
        text.ShouldBe("Body text.");
        map.ToSource(new TextSpan(5, 9)).Slice(source).ShouldBe("text");
    }

    [Fact]
    public void Should_round_trip_through_its_array_form()
    {
        Prop.ForAll<NonEmptyString, PositiveInt>((s, cut) =>
        {
            var source = s.Get;
            var k = cut.Get % source.Length;
            var b = new OffsetMap.Builder(source);
            b.Copy(0, k).Replace(k, 0, "XY").Copy(k, source.Length - k);
            var (text, map) = b.Build();
            var again = OffsetMap.FromArray(map.ToArray());
            return Enumerable.Range(0, text.Length).All(i => map.ToSource(i) == again.ToSource(i))
                && map.ToSource(new TextSpan(k + 2, text.Length)).Slice(source) == source[k..];
        }).QuickCheckThrowOnFailure();
    }
}
