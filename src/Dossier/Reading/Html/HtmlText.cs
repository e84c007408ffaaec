using System.Text;
using AngleSharp.Dom;

namespace Dossier.Reading.Html;

/// <summary>
/// Turns an HTML element tree into plain text: one paragraph per block element, separated by a blank line,
/// whitespace inside a paragraph collapsed to single spaces. Walks the DOM (AngleSharp), never the markup.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
        "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "table", "tr", "td", "th",
        "tbody", "thead", "address", "hr", "br", "form", "fieldset",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "button", "select", "input", "textarea",
    };

    /// <summary>The paragraphs of <paramref name="root"/>, trimmed and non-empty.</summary>
    public static List<string> Paragraphs(INode root)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        Walk(root, current, paragraphs);
        Flush(current, paragraphs);
        return paragraphs;
    }

    /// <summary>The text of an HTML fragment (feed item content) as paragraphs joined by blank lines.</summary>
    public static string FragmentToText(string html)
    {
        if (html.IndexOf('<', StringComparison.Ordinal) < 0 && html.IndexOf('&', StringComparison.Ordinal) < 0)
        {
            return Collapse(html);
        }

        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var doc = parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        var nodes = parser.ParseFragment(html, doc.Body!);
        var container = doc.Body!;
        foreach (var n in nodes.ToList())
        {
            container.AppendChild(n);
        }

        return string.Join("\n\n", Paragraphs(container));
    }

    private static void Walk(INode node, StringBuilder current, List<string> paragraphs)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    current.Append(t.Data);
                    break;
                case IElement e when Skipped.Contains(e.LocalName):
                    break;
                case IElement e when Blocks.Contains(e.LocalName):
                    Flush(current, paragraphs);
                    Walk(e, current, paragraphs);
                    Flush(current, paragraphs);
                    break;
                case IElement e:
                    Walk(e, current, paragraphs);
                    break;
                default:
                    break;
            }
        }
    }

    private static void Flush(StringBuilder current, List<string> paragraphs)
    {
        if (current.Length == 0)
        {
            return;
        }

        var text = Collapse(current.ToString());
        current.Clear();
        if (text.Length > 0)
        {
            paragraphs.Add(text);
        }
    }

    /// <summary>Collapses every run of whitespace to one space and trims.</summary>
    public static string Collapse(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
