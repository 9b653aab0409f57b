// The twin's vault: `<dataDir>/meraki/<tenant>.secret`, AES-256-GCM with a 256-bit key the twin
// generates once (`<dataDir>/meraki/vault.key`); every file mode 0600. The tenant id is the
// authenticated data, so a secret copied to another tenant's name does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isTenantId } from '#shared/tenancy/ids.js';
import type { SecretVault } from './secret-vault.js';

interface Sealed {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

export class FileVault implements SecretVault {
  private readonly dir: string;
  private keyPromise?: Promise<Buffer>;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'meraki');
  }

  private path(tenantId: string): string {
    if (!isTenantId(tenantId)) throw new Error('invalid tenant id');
    return join(this.dir, `${tenantId}.secret`);
  }

  private masterKey(): Promise<Buffer> {
    this.keyPromise ??= (async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const path = join(this.dir, 'vault.key');
      try {
        const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
        if (key.length === 32) return key;
        throw new Error(`${path} is not a 256-bit key`);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      const key = randomBytes(32);
      // 'wx': two processes starting at once cannot both create it.
      try {
        await writeFile(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST')
          return Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
        throw err;
      }
      await chmod(path, 0o600);
      return key;
    })();
    return this.keyPromise;
  }

  async put(tenantId: string, apiKey: string): Promise<void> {
    const key = await this.masterKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`vpn-doctor/meraki/${tenantId}`));
    const data = Buffer.concat([cipher.update(apiKey, 'utf8'), cipher.final()]);
    const sealed: Sealed = {
      v: 1,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    const path = this.path(tenantId);
    await writeFile(path, JSON.stringify(sealed) + '\n', { mode: 0o600 });
    await chmod(path, 0o600);
  }

  async get(tenantId: string): Promise<string | undefined> {
    let text: string;
    try {
      text = await readFile(this.path(tenantId), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const sealed = JSON.parse(text) as Sealed;
    const decipher = createDecipheriv('aes-256-gcm', await this.masterKey(), Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(`vpn-doctor/meraki/${tenantId}`));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  }

  async delete(tenantId: string): Promise<void> {
    await rm(this.path(tenantId), { force: true });
  }
}
