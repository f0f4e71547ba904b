using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary><c>/**</c> above a TypeScript/JavaScript function completes to a JSDoc skeleton.</summary>
public sealed class JsDocCommentTests
{
    [Test]
    public async Task Slash_star_star_above_a_typed_function_gives_description_parameters_and_returns()
    {
        using var fixture = new NextEditFixture();

        var suggestions = await TypeOpeningAsync(fixture, "file:///repo/src/math.ts", "typescript",
            "$0\nexport function clamp(value: number, min = 0, max: number = Math.max(1, 2)): number {\n  return value;\n}\n");

        Assert.That(suggestions.Single().Description, Is.EqualTo("complete the doc comment"));
        Assert.That(fixture.Applied("file:///repo/src/math.ts", suggestions), Is.EqualTo("""
            /**
             * 
             * @param value
             * @param min
             * @param max
             * @returns
             */
            export function clamp(value: number, min = 0, max: number = Math.max(1, 2)): number {
              return value;
            }

            """));
    }

    [TestCase("$0\nfunction reset(state: State): void {\n  return;\n}\n", "/**\n * \n * @param state\n */\nfunction")]
    [TestCase("$0\nasync function save(db): Promise<void> {\n  await db.flush();\n}\n", "/**\n * \n * @param db\n */\nasync")]
    [TestCase("$0\nfunction total(items) {\n  let sum = 0;\n  items.forEach((item) => { return item; });\n  return sum;\n}\n", "/**\n * \n * @param items\n * @returns\n */\nfunction")]
    [TestCase("$0\nfunction log(items) {\n  items.forEach((item) => { return item; });\n  if (!items) { return; }\n}\n", "/**\n * \n * @param items\n */\nfunction")]
    [TestCase("$0\nexport const double = (x: number) => x * 2;\n", "/**\n * \n * @param x\n * @returns\n */\nexport const")]
    [TestCase("$0\nconst square = async x => {\n  return x * x;\n};\n", "/**\n * \n * @param x\n * @returns\n */\nconst")]
    [TestCase("$0\nconst handler = function (event, context) {\n  console.log(event);\n};\n", "/**\n * \n * @param event\n * @param context\n */\nconst")]
    [TestCase("$0\nfunction draw(this: Canvas, { x, y }: Point, [first, second]: number[], ...rest: string[]) {}\n", "/**\n * \n * @param options\n * @param values\n * @param rest\n */\nfunction")]
    [TestCase("$0\nfunction isCart(value: unknown): value is Cart {\n  return true;\n}\n", "@param value\n * @returns\n */")]
    [TestCase("class A {\n  $0\n  set value(v: number) {\n    this.v = v;\n  }\n}\n", "  /**\n   * \n   * @param v\n   */\n  set value")]
    [TestCase("class A {\n  $0\n  static get total(): number {\n    return 1;\n  }\n}\n", "  /**\n   * \n   * @returns\n   */\n  static get total")]
    [TestCase("class A {\n  $0\n  private onClick = async (event: MouseEvent): Promise<void> => {\n    await this.save(event);\n  };\n}\n", "   * @param event\n   */\n  private onClick")]
    public async Task Returns_follows_the_type_or_the_body_and_parameters_are_named_by_convention(string text, string expected)
    {
        using var fixture = new NextEditFixture();

        var suggestions = await TypeOpeningAsync(fixture, "file:///repo/src/a.ts", "typescript", text);

        Assert.That(fixture.Applied("file:///repo/src/a.ts", suggestions), Does.Contain(expected));
    }

    [Test]
    public async Task Methods_after_decorators_and_modifiers_are_documented_indented_like_the_declaration()
    {
        using var fixture = new NextEditFixture();
        const string Uri = "file:///repo/src/cart.service.ts";

        var suggestions = await TypeOpeningAsync(fixture, Uri, "typescript", """
            @Injectable()
            export class CartService {
              constructor(private readonly http: HttpClient, @Inject(TOKEN) config: Config) {}

            $0
              @Get(':id')
              public async findOne<T>(@Param('id') id: string): Promise<T> {
                return this.http.get<T>(id);
              }
            }

            """);

        Assert.That(fixture.Applied(Uri, suggestions), Does.Contain("""

              /**
               * 
               * @param id
               * @returns
               */
              @Get(':id')
            """));
    }

    [Test]
    public async Task A_constructor_and_a_setter_get_no_returns_and_the_client_closing_star_slash_is_replaced()
    {
        using var fixture = new NextEditFixture();
        const string Uri = "file:///repo/src/point.js";

        var suggestions = await TypeOpeningAsync(fixture, Uri, "javascript", "class Point {\n  $0\n  constructor(x, y = 0) {\n    this.x = x;\n  }\n}\n", autoClose: true);

        Assert.That(fixture.Applied(Uri, suggestions), Is.EqualTo("class Point {\n  /**\n   * \n   * @param x\n   * @param y\n   */\n  constructor(x, y = 0) {\n    this.x = x;\n  }\n}\n"));
    }

    [Test]
    public async Task The_star_slash_closed_on_the_next_line_is_replaced_too()
    {
        using var fixture = new NextEditFixture();
        const string Uri = "file:///repo/src/a.ts";
        fixture.Open(Uri, "typescript", "\n */\nfunction go(to: string) {}\n");
        fixture.Change(Uri, new LineRange(0, 0, 0, 0), "/");
        fixture.Change(Uri, new LineRange(0, 1, 0, 1), "*");
        fixture.Change(Uri, new LineRange(0, 2, 0, 2), "*");

        var suggestions = await fixture.SuggestAsync(Uri);

        Assert.That(fixture.Applied(Uri, suggestions), Is.EqualTo("/**\n * \n * @param to\n */\nfunction go(to: string) {}\n"));
    }

    [TestCase("/**\n * Already documented.\n$0\nfunction a(x) {}\n", TestName = "inside an existing comment")]
    [TestCase("$0\nconst limit = 10;\n", TestName = "above a variable")]
    [TestCase("$0\nexport class Cart {}\n", TestName = "above a class")]
    [TestCase("function a() {\n  $0\n  run(1, 2);\n}\n", TestName = "above a call")]
    [TestCase("$0\n\nfunction a(x) {}\n", TestName = "a blank line between")]
    [TestCase("$0\nif (ready) {\n  go();\n}\n", TestName = "above a statement")]
    public async Task Nothing_is_suggested_inside_a_comment_or_above_something_that_is_not_a_function(string text)
    {
        using var fixture = new NextEditFixture();

        Assert.That(await TypeOpeningAsync(fixture, "file:///repo/src/a.ts", "typescript", text), Is.Empty);
    }

    [Test]
    public async Task An_existing_doc_comment_line_is_left_alone()
    {
        using var fixture = new NextEditFixture();
        const string Uri = "file:///repo/src/a.ts";
        fixture.Open(Uri, "typescript", "/** Adds. */\nfunction add(a: number, b: number) { return a + b; }\n");
        fixture.Change(Uri, new LineRange(0, 11, 0, 11), "*");

        Assert.That(await fixture.SuggestAsync(Uri), Is.Empty);
    }

    [Test]
    public async Task Every_truncation_of_a_declaration_is_answered_without_an_error()
    {
        const string Source = "@Component({ selector: 'x' })\nexport default async function* load<T extends { a: (b) => void }>(this: X, { a = [1, 2] }: T, ...rest): Promise<Map<string, T>> {\n  const f = (x) => { return x; };\n  return new Map();\n}\n";
        const string Java = "@Test(expected = IOException.class)\npublic static <T extends Comparable<? super T>> java.util.List<T>[] sort(final List<T> items, int... n) throws IOException, X {\n  return null;\n}\n";
        for (var length = 0; length <= Math.Max(Source.Length, Java.Length); length++)
        {
            using var fixture = new NextEditFixture();
            var ts = await TypeOpeningAsync(fixture, "file:///repo/src/a.ts", "typescript", "$0\n" + Source[..Math.Min(length, Source.Length)]);
            var java = await TypeOpeningAsync(fixture, "file:///repo/src/A.java", "java", "$0\n" + Java[..Math.Min(length, Java.Length)]);

            Assert.That(ts.Count + java.Count, Is.LessThanOrEqualTo(2));
            if (length >= Source.Length)
            {
                Assert.That(fixture.Applied("file:///repo/src/a.ts", ts), Does.StartWith("/**\n * \n * @param options\n * @param rest\n * @returns\n */\n@Component"));
                Assert.That(fixture.Applied("file:///repo/src/A.java", java), Does.StartWith("/**\n * \n * @param <T>\n * @param items\n * @param n\n * @return\n * @throws IOException\n * @throws X\n */\n@Test"));
            }
        }
    }

    /// <summary>Opens the text and types <c>/**</c> at its <c>$0</c> key by key (the last key with the client's <c> */</c> when <paramref name="autoClose"/>).</summary>
    internal static async Task<IReadOnlyList<NextEditSuggestion>> TypeOpeningAsync(NextEditFixture fixture, string uri, string languageId, string textWithMarker, bool autoClose = false)
    {
        var offset = fixture.Open(uri, languageId, textWithMarker);
        fixture.Documents.TryGet(uri, out var document);
        var at = document!.PositionOf(offset);
        fixture.Change(uri, new LineRange(at, at), "/");
        fixture.Change(uri, new LineRange(at.Line, at.Character + 1, at.Line, at.Character + 1), "*");
        fixture.Change(uri, new LineRange(at.Line, at.Character + 2, at.Line, at.Character + 2), autoClose ? "* */" : "*");
        return await fixture.SuggestAsync(uri);
    }
}
