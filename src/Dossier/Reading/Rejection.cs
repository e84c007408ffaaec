namespace Dossier.Reading;

/// <summary>Why an input was not read. One per bad file or item, never a silent skip.</summary>
public enum RejectionReason
{
    Unreadable,
    Empty,
    TooLarge,
    Binary,
    InvalidUtf8,
    MalformedHtml,
    MalformedFeed,
    MalformedJson,
    MalformedSgml,
    NoText,
    UnknownFormat,
}

/// <summary>A typed rejection of one input: prints as one line naming the file and the reason.</summary>
public sealed record Rejection(string Path, RejectionReason Reason, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
