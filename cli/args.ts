// A small argv parser: `--flag`, `--name value` / `--name=value`, and positionals. Unknown
// options are reported, never guessed.

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `booleans` are flags without a value; `valued` take one (`--size-mb 200`). */
export function parseArgs(argv: string[], booleans: readonly string[], valued: readonly string[] = []): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (booleans.includes(name) && eq < 0) {
      parsed.flags.add(name);
      continue;
    }
    if (valued.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`option ${name} needs a value`);
      parsed.values.set(name, value);
      continue;
    }
    throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
  }
  return parsed;
}
