using System.Buffers;
using System.Text;

namespace Dossier.Cli;

/// <summary>
/// A write-only stream of UTF-8 bytes into a <see cref="TextWriter"/>: lets the JSON serializer write a document in
/// pieces instead of building it whole as one string (the analysis of a whole corpus is about 90 MB of JSON).
/// Disposing it ends the text (a character split across writes is completed); the writer stays open.
/// </summary>
internal sealed class TextWriterStream : Stream
{
    private readonly TextWriter _writer;
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();

    public TextWriterStream(TextWriter writer)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => Decode(buffer, flush: false);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Decode([], flush: true);
        }

        base.Dispose(disposing);
    }

    private void Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(16, _decoder.GetCharCount(bytes, flush)));
        try
        {
            var n = _decoder.GetChars(bytes, chars, flush);
            _writer.Write(chars, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
