namespace Qoder.Lsp.Benchmarks;

/// <summary>One measured run of one server build; <paramref name="ShutdownProblem"/> says how the orderly shutdown failed, if it did.</summary>
internal sealed record StartupSample(double InitializeMs, double InitializeCpuMs, double ReadyMs, MemoryFigures Memory, string? ShutdownProblem);
