// The twin's key vault: AES-256-GCM files, mode 0600, bound to their tenant.
import { copyFile, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileVault } from '../../lambdas/meraki/file-vault.js';
import { keyHint } from '../../lambdas/meraki/secret-vault.js';

const KEY = '0123456789abcdef0123456789abcdef01234567';
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function vault() {
  const dir = await mkdtemp(join(tmpdir(), 'vd-vault-'));
  dirs.push(dir);
  return { dir, v: new FileVault(dir) };
}

describe('FileVault', () => {
  it('stores the key encrypted, in files only the owner may read, and gives it back', async () => {
    const { dir, v } = await vault();
    await v.put('alpha', KEY);
    expect(await v.get('alpha')).toBe(KEY);
    for (const name of await readdir(join(dir, 'meraki'))) {
      const path = join(dir, 'meraki', name);
      const text = await readFile(path, 'utf8');
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(Buffer.from(KEY).toString('base64'));
      if (name !== 'endpoint.json') expect((await stat(path)).mode & 0o777).toBe(0o600);
    }
    expect(await readdir(join(dir, 'meraki'))).toEqual(['alpha.secret', 'vault.key']);
  });

  it('two puts give two different ciphertexts; a new vault on the same directory reads them', async () => {
    const { dir, v } = await vault();
    await v.put('alpha', KEY);
    const first = await readFile(join(dir, 'meraki', 'alpha.secret'), 'utf8');
    await v.put('alpha', KEY);
    expect(await readFile(join(dir, 'meraki', 'alpha.secret'), 'utf8')).not.toBe(first);
    expect(await new FileVault(dir).get('alpha')).toBe(KEY);
  });

  it("a tenant's secret copied under another tenant's name does not decrypt", async () => {
    const { dir, v } = await vault();
    await v.put('alpha', KEY);
    await copyFile(join(dir, 'meraki', 'alpha.secret'), join(dir, 'meraki', 'bravo.secret'));
    await expect(v.get('bravo')).rejects.toThrow();
  });

  it('absent and deleted secrets read as undefined; ids that could escape the folder are refused', async () => {
    const { v } = await vault();
    expect(await v.get('alpha')).toBeUndefined();
    await v.put('alpha', KEY);
    await v.delete('alpha');
    expect(await v.get('alpha')).toBeUndefined();
    await expect(v.put('../etc', KEY)).rejects.toThrow(/invalid tenant id/);
  });

  it('only the last 4 characters are ever shown', () => {
    expect(keyHint(KEY)).toBe('4567');
    expect(keyHint('short')).toBe('');
  });
});
