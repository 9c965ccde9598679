// An offline check of a security rules file: what a deploy would refuse before the emulator or a
// project is involved. Not the rules compiler (the emulator tier loads the rules for real): it
// checks the version line, the service, balanced brackets, `allow` statements, and that every
// function called is defined in the file or built in.
const BUILT_IN = new Set([
  "get",
  "exists",
  "getAfter",
  "existsAfter",
  "debug",
  "int",
  "float",
  "string",
  "bool",
  "path",
]);
const KEYWORDS = new Set(["if", "function", "return", "match", "allow", "let", "in", "is", "service"]);

/** Comments and string contents removed (their brackets and words do not count). */
function code(rules: string): string {
  return rules.replace(/\/\/[^\n]*/g, "").replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, "''");
}

/** Problems found, in words; empty when the file passes. */
export function checkRules(rules: string, service: "cloud.firestore" | "firebase.storage"): string[] {
  const problems: string[] = [];
  if (!/^\s*rules_version\s*=\s*'2';/m.test(rules)) problems.push("no rules_version = '2'");
  const text = code(rules);
  if (!new RegExp(`\\bservice\\s+${service.replace(".", "\\.")}\\s*\\{`).test(text))
    problems.push(`no service ${service} block`);
  const stack: string[] = [];
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  text.split("\n").forEach((line, i) => {
    for (const ch of line) {
      if ("([{".includes(ch)) stack.push(ch);
      else if (ch in pairs && stack.pop() !== pairs[ch]) problems.push(`line ${i + 1}: unbalanced '${ch}'`);
    }
  });
  if (stack.length) problems.push(`unclosed '${stack.join("")}' at the end`);
  const defined = new Set([...text.matchAll(/\bfunction\s+(\w+)\s*\(/g)].map((m) => m[1]));
  for (const m of text.matchAll(/(?<![.\w$])([A-Za-z_]\w*)\s*\(/g)) {
    const name = m[1];
    if (KEYWORDS.has(name) || BUILT_IN.has(name) || defined.has(name)) continue;
    const problem = `calls ${name}(), which is not defined`;
    if (!problems.includes(problem)) problems.push(problem);
  }
  for (const m of text.matchAll(/\ballow\s+([\w\s,]+?)\s*(:|;)/g)) {
    for (const op of m[1].split(",").map((s) => s.trim()))
      if (!["read", "write", "get", "list", "create", "update", "delete"].includes(op))
        problems.push(`allow ${op}: not an operation`);
  }
  return problems;
}
