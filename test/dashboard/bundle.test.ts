// The built dashboard, read as files: no HTML-parsing sinks in the bundle, a strict CSP, nothing
// loaded from another site, and every UI string present in both languages.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGS, TABLES, translate, type Key } from '../../lambdas/dashboard/i18n.js';
// @ts-expect-error plain ESM build script without types
import { buildDashboard } from '../../scripts/build-dashboard.mjs';

let dir: string;
let js: string;
let html: string;

beforeAll(async () => {
  dir = await buildDashboard(await mkdtemp(join(tmpdir(), 'vpnd-bundle-')));
  js = await readFile(join(dir, 'assets', 'app.js'), 'utf8');
  html = await readFile(join(dir, 'index.html'), 'utf8');
}, 90_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('dashboard build', () => {
  it('has no sink that parses strings as HTML or code', () => {
    expect(js.length).toBeGreaterThan(10_000);
    for (const sink of [
      'innerHTML',
      'outerHTML',
      'insertAdjacentHTML',
      'document.write',
      'eval(',
      'new Function',
      'srcdoc',
    ]) {
      expect(js, sink).not.toContain(sink);
    }
  });

  it('sets a Content-Security-Policy that allows only its own scripts and styles', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    const directives = new Map(
      csp!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k!, v]),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual([
      "'self'",
      'http://127.0.0.1:*',
      'http://localhost:*',
      'https://*.amazonaws.com',
    ]);
    // No inline script or style for the CSP to have to allow.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('loads nothing from another site (works offline)', () => {
    const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]+>/, '');
    expect(withoutCsp).not.toMatch(/(src|href)="(https?:)?\/\//);
    // The only absolute URL in the bundle is the SVG namespace.
    const urls = new Set(js.match(/https?:\/\/[^\s"'`)]+/g) ?? []);
    expect([...urls]).toEqual(['http://www.w3.org/2000/svg']);
  });

  it('has every UI string in English and Japanese, with the same placeholders', () => {
    const placeholders = (x: string) => [...x.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const en = TABLES.en;
    const ja = TABLES.ja;
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Key[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(ja[key].trim(), key).not.toBe('');
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
    // Placeholders are filled as plain text: markup stays characters.
    for (const lang of LANGS)
      expect(translate(lang, 'uploading', { name: '<b>x</b>', pct: 42 })).toMatch(/<b>x<\/b>.*42/);
  });
});
