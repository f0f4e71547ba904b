namespace Qoder.Lsp.Benchmarks;

/// <summary>Resident memory in MiB.</summary>
internal readonly record struct MemoryFigures(double RssMiB, double AnonymousMiB, double FileMiB, double SharedMiB);
