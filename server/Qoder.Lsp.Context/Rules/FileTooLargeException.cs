using System.Globalization;

namespace Qoder.Lsp.Context.Rules;

/// <summary>A rule, command or AGENTS.md file too large to be meant as instructions; it is reported instead of read.</summary>
internal sealed class FileTooLargeException(long length, long limit)
    : IOException(string.Create(CultureInfo.InvariantCulture, $"{length:N0} bytes, more than the {limit:N0} read for instructions"));
