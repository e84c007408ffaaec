using System.Text;
using Dossier.Cli;

namespace Dossier.Tests.Cli;

public sealed class TextWriterStreamTests
{
    [Fact]
    public void Should_write_the_text_whole_when_its_utf8_bytes_arrive_split_inside_characters()
    {
        // Given a text with two-, three- and four-byte characters, as UTF-8
        const string text = "Élysée — “Ri Pyong Chol” 평양 😀 end";
        var bytes = Encoding.UTF8.GetBytes(text);
        var writer = new StringWriter();

        // When the bytes are written one at a time and the stream is closed
        using (var stream = new TextWriterStream(writer))
        {
            foreach (var b in bytes)
            {
                stream.Write([b]);
            }
        }

        // Then the writer holds the text
        writer.ToString().ShouldBe(text);
    }
}
