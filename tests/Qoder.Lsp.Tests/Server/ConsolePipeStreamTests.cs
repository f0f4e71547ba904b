using System.IO.Pipes;
using Qoder.Lsp.Server.Transport;

namespace Qoder.Lsp.Tests.Server;

/// <summary>
/// The server's stdin and stdout over a real pipe: each end wrapped as the server wraps the console's, read and written
/// on the caller's thread only when that cannot block.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ConsolePipeStreamTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly AnonymousPipeServerStream _writeEnd = new(PipeDirection.Out);
    private readonly AnonymousPipeClientStream _readEnd;
    private readonly ConsolePipeStream _output;
    private readonly ConsolePipeStream _input;

    public ConsolePipeStreamTests()
    {
        _readEnd = new AnonymousPipeClientStream(PipeDirection.In, _writeEnd.ClientSafePipeHandle);
        _output = new ConsolePipeStream(_writeEnd, _writeEnd.SafePipeHandle);
        _input = new ConsolePipeStream(_readEnd, _readEnd.SafePipeHandle);
    }

    public void Dispose()
    {
        _output.Dispose();
        _input.Dispose();
        _readEnd.Dispose();
        _writeEnd.Dispose();
    }

    [Test]
    public async Task AFrameThatFitsGoesOutBeforeWriteAsyncReturns()
    {
        var frame = "Content-Length: 2\r\n\r\n{}"u8.ToArray();

        var write = _output.WriteAsync(frame);

        Assert.That(write.IsCompletedSuccessfully, Is.True);
        Assert.That(_output.LastCallWasDirect, Is.True);
        Assert.That(await ReadAsync(frame.Length), Is.EqualTo(frame));
    }

    [Test]
    public async Task AFrameLargerThanAnAtomicPipeWriteGoesThroughThePool()
    {
        var frame = Pattern(0, ConsolePipeStream.AtomicWriteBytes + 1);

        var write = _output.WriteAsync(frame);
        var read = ReadAsync(frame.Length);

        Assert.That(_output.LastCallWasDirect, Is.False);
        await write.AsTask().WaitAsync(Patience);
        Assert.That(await read, Is.EqualTo(frame));
    }

    [Test]
    public async Task AFullPipeNeverBlocksTheWriterAndLosesNothing()
    {
        // Nobody reads, so the pipe fills up. Once poll() says it is full, writes go to the pool (a small one may still fit
        // in the last page and complete there); the caller's thread gets each write back at once, even the one that
        // must wait for the reader.
        var written = new List<byte>();
        var sawPoolWrites = false;
        var blocked = await Task.Run<Task?>(async () =>
        {
            for (var chunk = 0; written.Count < 1 << 20; chunk++)
            {
                var bytes = Pattern(chunk, 1000);
                var write = _output.WriteAsync(bytes);
                written.AddRange(bytes);
                if (_output.LastCallWasDirect)
                {
                    Assert.That(write.IsCompletedSuccessfully, Is.True, "a direct write completes before it returns");
                    continue;
                }

                sawPoolWrites = true;
                var pending = write.AsTask();
                if (await Task.WhenAny(pending, Task.Delay(200)) != pending)
                {
                    return pending;
                }
            }

            return null;
        }).WaitAsync(Patience);

        Assert.That(sawPoolWrites, Is.True);
        Assert.That(blocked, Is.Not.Null, "a write waited for the reader");
        Assert.That(written, Has.Count.GreaterThan(4096), "the pipe took several frames directly before it was full");
        var read = await ReadAsync(written.Count);
        await blocked!.WaitAsync(Patience);
        Assert.That(read, Is.EqualTo(written.ToArray()));
    }

    [Test]
    public void AReaderThatHasGoneAwayFailsTheWrite()
    {
        _readEnd.Dispose();

        Assert.ThrowsAsync<IOException>(async () => await _output.WriteAsync("Content-Length: 2\r\n\r\n{}"u8.ToArray()).AsTask().WaitAsync(Patience));
        Assert.That(_output.LastCallWasDirect, Is.False, "poll reports the broken pipe, so the write is not tried on the caller's thread");
    }

    [Test]
    public void BytesAlreadyInThePipeAreReadBeforeReadAsyncReturns()
    {
        _writeEnd.Write("Content-Length: 2\r\n\r\n{}"u8);
        var buffer = new byte[64];

        var read = _input.ReadAsync(buffer);

        Assert.That(read.IsCompletedSuccessfully, Is.True);
        Assert.That(_input.LastCallWasDirect, Is.True);
        Assert.That(buffer.AsSpan(0, read.Result).ToArray(), Is.EqualTo("Content-Length: 2\r\n\r\n{}"u8.ToArray()));
    }

    [Test]
    public async Task AnEmptyPipeIsWaitedForWithoutBlockingTheCaller()
    {
        var buffer = new byte[64];

        var read = await Task.Run(() => _input.ReadAsync(buffer)).WaitAsync(Patience);

        Assert.That(_input.LastCallWasDirect, Is.False);
        Assert.That(read.IsCompleted, Is.False, "nothing was written yet");
        _writeEnd.Write("{}"u8);
        Assert.That(await read.AsTask().WaitAsync(Patience), Is.EqualTo(2));
        Assert.That(buffer.AsSpan(0, 2).ToArray(), Is.EqualTo("{}"u8.ToArray()));
    }

    [Test]
    public async Task AClosedWriterEndsTheInputAtOnce()
    {
        _writeEnd.Dispose();

        var read = _input.ReadAsync(new byte[64]);

        Assert.That(_input.LastCallWasDirect, Is.True, "a read at the end of the stream does not wait");
        Assert.That(await read.AsTask().WaitAsync(Patience), Is.Zero);
    }

    private static byte[] Pattern(int seed, int length) => [.. Enumerable.Range(seed, length).Select(i => (byte)(i * 31))];

    private async Task<byte[]> ReadAsync(int length)
    {
        var buffer = new byte[length];
        await _readEnd.ReadExactlyAsync(buffer).AsTask().WaitAsync(Patience);
        return buffer;
    }
}
