// Drafts a response schema from a handler's return type, with the TypeScript checker: for a new
// callable, or when a handler's answer changed and its registry entry no longer compiles
// (registry/define.ts ResponseMatches). The draft is a start, not the schema: reuse the shared
// pieces of schemas/responses/ and the request and document enums, use `instant` / `calendarDate`
// for times, then let tsc confirm the match.
//
//   npx tsx tools/response-draft.ts book setAvailability    prints a draft per callable named
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cfg = ts.readConfigFile(path.join(ROOT, "functions/tsconfig.json"), ts.sys.readFile);
const { options, fileNames } = ts.parseJsonConfigFileContent(
  cfg.config,
  ts.sys,
  path.join(ROOT, "functions"),
);
const program = ts.createProgram(fileNames, options);
const checker = program.getTypeChecker();
const F = ts.TypeFlags;
/** zod source for a type: strict objects, enums for string-literal unions, `.optional()` for optional properties. */
function z(t: ts.Type, depth = 0): string {
  if (depth > 20) return "z.unknown() /* too deep: write it by hand */";
  if (t.flags & F.String) return "z.string()";
  if (t.flags & F.Number) return "z.number()";
  if (t.flags & F.Boolean) return "z.boolean()";
  if (t.flags & F.Null) return "z.null()";
  if (t.flags & F.Undefined) return "z.undefined()";
  if (t.flags & F.Unknown) return "z.unknown()";
  if (t.flags & F.Any) return "z.any()";
  if (t.isStringLiteral()) return `z.literal(${JSON.stringify(t.value)})`;
  if (t.isNumberLiteral()) return `z.literal(${t.value})`;
  if (t.flags & F.BooleanLiteral) return `z.literal(${checker.typeToString(t)})`;
  if (t.isUnion()) {
    let members = t.types;
    const hasTrue = members.some((m) => m.flags & F.BooleanLiteral && checker.typeToString(m) === "true");
    const hasFalse = members.some((m) => m.flags & F.BooleanLiteral && checker.typeToString(m) === "false");
    const parts: string[] = [];
    if (hasTrue && hasFalse) {
      parts.push("z.boolean()");
      members = members.filter((m) => !(m.flags & F.BooleanLiteral));
    }
    const nul = members.some((m) => m.flags & F.Null);
    members = members.filter((m) => !(m.flags & F.Null) && !(m.flags & F.Undefined));
    const lits = members.filter((m) => m.isStringLiteral()) as ts.StringLiteralType[];
    const rest = members.filter((m) => !m.isStringLiteral());
    if (lits.length > 1) parts.push(`z.enum([${lits.map((l) => JSON.stringify(l.value)).join(", ")}])`);
    else if (lits.length === 1) parts.push(z(lits[0], depth + 1));
    for (const r of rest) parts.push(z(r, depth + 1));
    let out = parts.length === 1 ? parts[0] : `z.union([${parts.join(", ")}])`;
    if (nul) out += ".nullable()";
    return out;
  }
  if (checker.isArrayType(t))
    return `z.array(${z(checker.getTypeArguments(t as ts.TypeReference)[0], depth + 1)})`;
  if (checker.isTupleType(t))
    return `z.tuple([${checker
      .getTypeArguments(t as ts.TypeReference)
      .map((a) => z(a, depth + 1))
      .join(", ")}])`;
  if (t.flags & F.Object || t.isIntersection()) {
    const sidx = checker.getIndexInfoOfType(t, ts.IndexKind.String);
    const props = checker.getPropertiesOfType(t);
    if (sidx && props.length === 0) return `z.record(z.string(), ${z(sidx.type, depth + 1)})`;
    const name = t.aliasSymbol?.name ?? t.symbol?.name;
    if (name === "Date") return "z.date()";
    if (name === "Bundle") return "fhirBundle /* schemas/responses/interop.ts */";
    const fields = props.map((p) => {
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
      const type = checker.getTypeOfSymbol(p);
      const defined = type.isUnion() ? type.types.filter((x) => !(x.flags & F.Undefined)) : [type];
      let code: string;
      if (!optional) code = z(type, depth + 1);
      else if (defined.length === 0 || (defined.length === 1 && defined[0].flags & F.Undefined))
        code = "z.undefined()";
      else if (defined.length === 1) code = z(defined[0], depth + 1);
      else code = z(type, depth + 1);
      const key = /^[A-Za-z_$][\w$]*$/.test(p.name) ? p.name : JSON.stringify(p.name);
      return `${key}: ${code}${optional ? ".optional()" : ""}`;
    });
    return `z.strictObject({ ${fields.join(", ")} })`;
  }
  return `z.unknown() /* ${checker.typeToString(t)} */`;
}
const wanted = new Set(process.argv.slice(2));
if (!wanted.size) {
  console.error("usage: npx tsx tools/response-draft.ts <callable> [<callable> ...]");
  process.exit(2);
}
for (const file of fileNames.filter((f) => f.includes("/registry/") && !f.endsWith(".test.ts"))) {
  const sf = program.getSourceFile(file);
  if (!sf) continue;
  ts.forEachChild(sf, function visit(node): void {
    // An entry: `callable({ name, …, handler })` (whatever the area calls its declare function).
    const arg = ts.isCallExpression(node) ? node.arguments[0] : undefined;
    if (arg && ts.isObjectLiteralExpression(arg)) {
      const prop = (key: string) =>
        arg.properties.find((p) => p.name?.getText(sf) === key) as ts.PropertyAssignment | undefined;
      const name = (prop("name")?.initializer as ts.StringLiteral | undefined)?.text;
      const handler = prop("handler");
      if (!name || !handler || !wanted.has(name)) return;
      wanted.delete(name);
      // handler: () => Promise<(call) => Promise<Answer>>
      const loader = checker.getTypeAtLocation(handler.initializer);
      const loaded = checker.getSignaturesOfType(loader, ts.SignatureKind.Call)[0].getReturnType();
      const fn = checker.getTypeArguments(loaded as ts.TypeReference)[0];
      const promised = checker.getSignaturesOfType(fn, ts.SignatureKind.Call)[0].getReturnType();
      const answer = checker.getTypeArguments(promised as ts.TypeReference)[0];
      const area = path.basename(file, ".ts");
      console.log(
        `// schemas/responses/${area}.ts\n/** What \`${name}\` answers. */\nexport const ${name}ResponseSchema = ${z(answer)};\n`,
      );
      return;
    }
    ts.forEachChild(node, visit);
  });
}
if (wanted.size) {
  console.error(`no such callable in the registry: ${[...wanted].join(", ")}`);
  process.exit(1);
}
