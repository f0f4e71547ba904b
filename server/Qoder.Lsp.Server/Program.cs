namespace Qoder.Lsp.Server; internal static class Program { public static int Main() => 0; }
