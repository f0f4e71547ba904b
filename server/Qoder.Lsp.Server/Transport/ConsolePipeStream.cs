using System.Runtime.InteropServices;

namespace Qoder.Lsp.Server.Transport;

/// <summary>
/// The server's stdin or stdout: a read or write is done on the caller's thread when it returns at once, and goes to
/// the thread pool, as the console streams always do, only when it would wait.
/// </summary>
/// <remarks>
/// The console streams have no asynchronous I/O: their <c>ReadAsync</c> and <c>WriteAsync</c> queue the blocking call to
/// the thread pool. Every answer then waited for a free pool thread before it left the process: 0.14–0.15 ms at the
/// median, 3.0–3.5 ms at the 99th percentile on a busy two-core machine (the completion benchmark, docs/benchmarks.md).
/// A handoff to a dedicated writer thread measured no better, since waking a sleeping thread costs as much. Likewise an
/// editor sends a keystroke's <c>didChange</c> and its completion request back to back, and once the first is handled
/// the second is usually in the pipe already.
/// <para>
/// A call on the caller's thread must never block it: the caller may be the thread that reads the client's messages,
/// and a client that writes to us before it reads (its pipe to us full, ours to it full) would wait for us while we
/// waited for it. So poll() decides, on Linux: a read is direct when bytes are waiting or the writer has closed its
/// end; a write when it is at most PIPE_BUF bytes and the pipe has a free page, which Linux then takes at once and
/// whole. Everything else, and every call on other systems, takes the pool's path and blocks a pool thread instead.
/// </para>
/// </remarks>
internal sealed class ConsolePipeStream : Stream
{
    /// <summary>PIPE_BUF on Linux: a write of this size or less to a pipe is atomic.</summary>
    internal const int AtomicWriteBytes = 4096;

    private const short PollIn = 0x1;
    private const short PollOut = 0x4;
    private const short PollErr = 0x8;
    private const short PollHup = 0x10;
    private const short PollNval = 0x20;

    private readonly Stream _inner;
    private readonly SafeHandle _handle;

    /// <param name="inner">The blocking console stream over <paramref name="handle"/>; it stays open when this one is disposed.</param>
    public ConsolePipeStream(Stream inner, SafeHandle handle)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(handle);
        _inner = inner;
        _handle = handle;
    }

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => _inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Whether the last read or write was done on the caller's thread; for tests.</summary>
    internal bool LastCallWasDirect { get; private set; }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ready = Poll(PollIn);
        LastCallWasDirect = (ready & (PollIn | PollHup)) != 0 && (ready & (PollErr | PollNval)) == 0;
        return LastCallWasDirect ? ValueTask.FromResult(_inner.Read(buffer.Span)) : _inner.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LastCallWasDirect = buffer.Length <= AtomicWriteBytes && Poll(PollOut) == PollOut;
        if (LastCallWasDirect)
        {
            _inner.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        return _inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => _inner.Read(buffer);

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _inner.Write(buffer);

    public override void Flush() => _inner.Flush();

    /// <summary>On the caller's thread: the console streams buffer nothing, and theirs would queue that no-op to the pool after every message.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _inner.Flush();
        return Task.CompletedTask;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <returns>The events poll() reports at once for <paramref name="events"/>; 0 when the handle is closed, on systems other than Linux, or when the call fails.</returns>
    private short Poll(short events)
    {
        if (!OperatingSystem.IsLinux() || _handle.IsClosed)
        {
            return 0;
        }

        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            var poll = new PollFd { Fd = (int)_handle.DangerousGetHandle(), Events = events };
            return NativeMethods.poll(ref poll, 1, 0) == 1 ? poll.Revents : (short)0;
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int poll(ref PollFd fds, nuint count, int timeoutMilliseconds);
    }
}
