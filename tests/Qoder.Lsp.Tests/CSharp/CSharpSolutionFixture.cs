using Qoder.Lsp.Core.Text;
using Qoder.Lsp.CSharp;

namespace Qoder.Lsp.Tests.CSharp;

/// <summary>
/// A small multi-project C# solution in a temporary directory: Shop.Domain (A) and Shop.App (B, which references A),
/// a file under B/obj that must be ignored, and a loose file outside any project. Plus the workspace over it.
/// </summary>
internal sealed class CSharpSolutionFixture : IDisposable
{
    public const string DomainCsproj = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
        </Project>
        """;

    public const string AppCsproj = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="..\A\Shop.Domain.csproj" />
          </ItemGroup>
        </Project>
        """;

    public const string OrderSource = """
        namespace Shop.Domain;

        /// <summary>
        /// An order placed by a <see cref="Customer"/>; totals are in the shop's currency.
        /// </summary>
        public class Order
        {
            private readonly List<OrderLine> _lines = new();

            public Order(int id, Customer customer)
            {
                Id = id;
                Customer = customer;
            }

            public int Id { get; }

            public Customer Customer { get; }

            /// <summary>The sum of the lines, before tax.</summary>
            public decimal Total { get; private set; }

            public OrderStatus Status { get; set; } = OrderStatus.Pending;

            public void AddLine(string sku, decimal price)
            {
                _lines.Add(new OrderLine(sku, price));
                Total += price;
            }

            private void Recalculate() => Total = _lines.Sum(line => line.Price);
        }

        public enum OrderStatus { Pending, Paid = 2, Shipped }

        public record OrderLine(string Sku, decimal Price);
        """;

    public const string CustomerSource = """
        namespace Shop.Domain;

        public sealed record Customer(string Name, string Email)
        {
            public bool IsVip { get; init; }
        }

        public static class OrderExtensions
        {
            /// <summary>The total after a discount.</summary>
            public static decimal Discounted(this Order order, decimal rate) => order.Total * (1 - rate);
        }
        """;

    public const string ServiceSource = """
        using Shop.Domain;

        namespace Shop.App;

        public class OrderService : OrderServiceBase
        {
            protected override string Name => "orders";

            public decimal Submit(Order order)
            {
                var total = order.Total;
                return total;
            }
        }
        """;

    public const string ServiceBaseSource = """
        namespace Shop.App;

        /// <summary>Shared plumbing of the order services.</summary>
        public abstract class OrderServiceBase
        {
            protected abstract string Name { get; }

            public virtual void Log(string message) { }
        }
        """;

    public const string LooseSource = """
        public static class Script
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    public CSharpSolutionFixture(bool withProjects = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "qoder-csharp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        if (withProjects)
        {
            Write("A/Shop.Domain.csproj", DomainCsproj);
            Write("A/Order.cs", OrderSource);
            Write("A/Customer.cs", CustomerSource);
            Write("B/Shop.App.csproj", AppCsproj);
            Write("B/OrderService.cs", ServiceSource);
            Write("B/OrderServiceBase.cs", ServiceBaseSource);
            Write("B/obj/Debug/Generated.cs", "public class ShouldNotBeLoaded { }");
            Write("B/bin/Copied.cs", "public class AlsoNotLoaded { }");
        }

        Write("loose/Script.cs", LooseSource);
        Documents = new DocumentStore();
        Workspace = new CSharpWorkspace([Root], Documents, Logger, TimeProvider.System);
    }

    public string Root { get; }

    public DocumentStore Documents { get; }

    public RecordingLogger Logger { get; } = new();

    public CSharpWorkspace Workspace { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string UriOf(string path) => new Uri(path).AbsoluteUri;

    public string Write(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public async Task<CSharpWorkspace> LoadAsync()
    {
        Workspace.Start();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Workspace.WhenIdleAsync(timeout.Token);
        Assert.That(Workspace.CurrentSolution, Is.Not.Null, () => "the workspace loaded: " + string.Join(Environment.NewLine, Logger.Lines));
        return Workspace;
    }

    /// <summary>Splits a fixture text at its <c>$0</c> cursor marker.</summary>
    public static (string Text, int Offset) Cursor(string textWithMarker)
    {
        var offset = textWithMarker.IndexOf("$0", StringComparison.Ordinal);
        Assert.That(offset, Is.GreaterThanOrEqualTo(0), "the fixture text has a $0 cursor");
        return (textWithMarker.Remove(offset, 2), offset);
    }

    public void Dispose()
    {
        Workspace.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
