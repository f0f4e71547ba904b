using System.Globalization;
using System.Text;

namespace Qoder.Lsp.Benchmarks;

/// <summary>Deterministic, ordinary-looking C# of a given line count: the file the startup benchmark opens.</summary>
internal static class CSharpFileGenerator
{
    public static string Generate(int lines)
    {
        var text = new StringBuilder(lines * 48);
        var written = 0;
        void Line(string line)
        {
            if (written < lines)
            {
                text.Append(line).Append('\n');
                written++;
            }
        }

        Line("using System;");
        Line("using System.Collections.Generic;");
        Line("");
        Line("namespace Bench.Generated;");
        Line("");
        for (var type = 0; written < lines; type++)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"/// <summary>Order book number {type}.</summary>"));
            Line(string.Create(CultureInfo.InvariantCulture, $"public sealed class OrderBook{type}"));
            Line("{");
            Line("    private readonly Dictionary<string, decimal> _prices = new(StringComparer.Ordinal);");
            Line("");
            for (var method = 0; method < 8 && written < lines - 1; method++)
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"    public decimal Quote{method}(string symbol, int quantity)"));
                Line("    {");
                Line("        if (!_prices.TryGetValue(symbol, out var price))");
                Line("        {");
                Line(string.Create(CultureInfo.InvariantCulture, $"            throw new KeyNotFoundException($\"No price for {{symbol}} in book {type}.\");"));
                Line("        }");
                Line("");
                Line(string.Create(CultureInfo.InvariantCulture, $"        var total = price * quantity * {method + 1}m; // tier {method}"));
                Line("        return Math.Round(total, 2, MidpointRounding.ToEven);");
                Line("    }");
                Line("");
            }

            Line("}");
            Line("");
        }

        return text.ToString();
    }
}
