// Test helper: runs the CLI's main() in-process with stdout/stderr captured as text.
import { Writable } from 'node:stream';
import { main } from '../../cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** `env` is all the command sees of the environment (none by default: the host's LANG never leaks in). */
export async function runCli(argv: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const stdout = new Collect();
  const stderr = new Collect();
  const code = await main(argv, { stdout, stderr, stderrIsTTY: false, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Rows of an oracle TSV as objects keyed by tshark field name. */
export async function oracleRows(path: string): Promise<Record<string, string>[]> {
  const { readFile } = await import('node:fs/promises');
  const [header, ...rows] = (await readFile(path, 'utf8')).trimEnd().split('\n');
  const columns = header.split('\t');
  return rows.map((row) => Object.fromEntries(row.split('\t').map((v, i) => [columns[i], v])));
}
