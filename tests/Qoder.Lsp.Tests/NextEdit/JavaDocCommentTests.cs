namespace Qoder.Lsp.Tests.NextEdit;

/// <summary><c>/**</c> above a Java method or constructor completes to a Javadoc skeleton.</summary>
public sealed class JavaDocCommentTests
{
    private const string Uri = "file:///repo/src/main/java/shop/Orders.java";

    [Test]
    public async Task A_generic_method_with_throws_gets_type_parameters_parameters_return_and_throws()
    {
        using var fixture = new NextEditFixture();

        var suggestions = await JsDocCommentTests.TypeOpeningAsync(fixture, Uri, "java", """
            public class Orders {
                $0
                @Override
                public static <T extends Comparable<T>, R> List<R> sortBy(final List<T> items, @Nullable Function<T, R> key, String... tags) throws IOException, SQLException {
                    return null;
                }
            }

            """);

        Assert.That(fixture.Applied(Uri, suggestions), Is.EqualTo("""
            public class Orders {
                /**
                 * 
                 * @param <T>
                 * @param <R>
                 * @param items
                 * @param key
                 * @param tags
                 * @return
                 * @throws IOException
                 * @throws SQLException
                 */
                @Override
                public static <T extends Comparable<T>, R> List<R> sortBy(final List<T> items, @Nullable Function<T, R> key, String... tags) throws IOException, SQLException {
                    return null;
                }
            }

            """));
    }

    [TestCase("class A {\n  $0\n  public void clear() {}\n}\n", "  /**\n   * \n   */\n  public void clear()")]
    [TestCase("class Order {\n  $0\n  Order(int id, String name) throws InvalidIdException {\n  }\n}\n", "  /**\n   * \n   * @param id\n   * @param name\n   * @throws InvalidIdException\n   */\n  Order(")]
    [TestCase("interface Repo {\n  $0\n  Optional<Order> find(long id);\n}\n", "  /**\n   * \n   * @param id\n   * @return\n   */\n  Optional<Order>")]
    [TestCase("class A {\n  $0\n  int[] values(int count, byte data[]) { return null; }\n}\n", "   * @param count\n   * @param data\n   * @return\n")]
    public async Task Void_methods_get_no_return_and_constructors_and_interface_methods_are_documented(string text, string expected)
    {
        using var fixture = new NextEditFixture();

        var suggestions = await JsDocCommentTests.TypeOpeningAsync(fixture, Uri, "java", text, autoClose: true);

        Assert.That(fixture.Applied(Uri, suggestions), Does.Contain(expected));
    }

    [TestCase("$0\npublic class Orders {}\n", TestName = "above a class")]
    [TestCase("class A {\n  $0\n  private final int limit = 10;\n}\n", TestName = "above a field")]
    [TestCase("class A {\n  void m() {\n    $0\n    System.out.println(limit);\n  }\n}\n", TestName = "above a call")]
    [TestCase("class A {\n  void m() {\n    $0\n    run(limit);\n  }\n}\n", TestName = "above an unqualified call")]
    [TestCase("/*\n$0\n*/\nclass A { void m() {} }\n", TestName = "inside a block comment")]
    public async Task Nothing_is_suggested_above_something_that_is_not_a_method(string text)
    {
        using var fixture = new NextEditFixture();

        Assert.That(await JsDocCommentTests.TypeOpeningAsync(fixture, Uri, "java", text), Is.Empty);
    }
}
