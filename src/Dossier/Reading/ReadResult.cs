namespace Dossier.Reading;

/// <summary>Either a document or a rejection.</summary>
public readonly record struct ReadResult(RawDocument? Document, Rejection? Rejection)
{
    public static ReadResult Ok(RawDocument document) => new(document, null);

    public static ReadResult Fail(Rejection rejection) => new(null, rejection);

    public static ReadResult Fail(string path, RejectionReason reason, string message) => new(null, new Rejection(path, reason, message));
}
