using Qoder.Lsp.NextEdit.Imports;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>Which names a TypeScript/JavaScript module exports, and whether as its default.</summary>
public sealed class ExportTableTests
{
    [TestCase("export function formatDate(d: Date) {}", "formatDate")]
    [TestCase("export async function load() {}", "load")]
    [TestCase("export function* ids() {}", "ids")]
    [TestCase("export class Cart {}", "Cart")]
    [TestCase("export abstract class Shape {}", "Shape")]
    [TestCase("export const LIMIT = 10;", "LIMIT")]
    [TestCase("export let counter = 0;", "counter")]
    [TestCase("export var legacy = 1;", "legacy")]
    [TestCase("export type Id = string;", "Id")]
    [TestCase("export interface Order { id: Id }", "Order")]
    [TestCase("export enum Color { Red }", "Color")]
    [TestCase("export const enum Flag { A }", "Flag")]
    [TestCase("export declare function external(): void;", "external")]
    [TestCase("function a() {}\nfunction b() {}\nexport { a, b };", "a,b")]
    [TestCase("function internal() {}\nexport { internal as publicName };", "publicName")]
    [TestCase("export { parse, type Options } from './parser';", "parse,Options")]
    [TestCase("export type { Shape } from './shape';", "Shape")]
    [TestCase("// export function commented() {}\nconst s = 'export class InString {}';\nexport const real = 1;", "real")]
    [TestCase("const functional = 1;\nexport default classNames;\nfunction classNames() {}", "default classNames")]
    [TestCase("export default function Button() {}", "default Button")]
    [TestCase("export default class Store {}", "default Store")]
    [TestCase("export default async function handler() {}", "default handler")]
    [TestCase("class Api {}\nexport default Api;", "default Api")]
    [TestCase("function main() {}\nexport { main as default };", "default main")]
    [TestCase("export default function () {}\nexport default {};", "")]
    [TestCase("module.exports = { formatDate };\nexports.parse = parse;", "")]
    [TestCase("const x = obj.export function", "")]
    public void Exports_are_read_from_declarations_lists_and_default_exports(string source, string expected)
    {
        var exports = TypeScriptExports.Parse(source);

        var described = exports.Select(export => export.IsDefault ? "default " + export.Name : export.Name);
        Assert.That(string.Join(",", described), Is.EqualTo(expected));
    }
}
