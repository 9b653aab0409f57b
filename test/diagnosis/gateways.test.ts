// The gateway book on an MX's WAN as the bench's many-sessions capture has it: thousands of
// internet hosts open IKE towards the MX, and the MX opens a site-to-site tunnel of its own.
import { describe, expect, it } from 'vitest';
import { createGatewayBook } from '#shared/diagnosis/gateways.js';

const MX = '203.0.113.1';
const BRANCH = '192.0.2.10';
const scanner = (i: number) => `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;

describe('gateway book', () => {
  it('still tells the MX opened its own tunnel after it answered 40,000 other hosts', () => {
    const book = createGatewayBook();
    for (let i = 0; i < 40_000; i++) book.note(scanner(i), MX);
    book.note(MX, BRANCH);
    expect(book.opened(MX, BRANCH)).toBe(true);
    // The scanners answered no one: none of their negotiations is a gateway's.
    expect(book.opened(scanner(7), MX)).toBe(false);
    expect(book.opened(scanner(39_999), MX)).toBe(false);
  });

  it('leaves two hosts that opened towards each other alone, named MX or not', () => {
    const book = createGatewayBook();
    book.note('192.0.2.20', MX);
    book.note(BRANCH, MX);
    book.note(MX, BRANCH);
    expect(book.opened(MX, BRANCH)).toBe(false);
    expect(book.opened(MX, BRANCH, MX)).toBe(false);
  });

  it('takes the MX the user named as a gateway before it answered anyone', () => {
    const book = createGatewayBook();
    book.note(MX, BRANCH);
    expect(book.opened(MX, BRANCH)).toBe(false);
    expect(book.opened(MX, BRANCH, MX)).toBe(true);
  });

  it('claims nothing once more pairs came than it keeps (the reverse may be among those left out)', () => {
    const book = createGatewayBook();
    book.note('192.0.2.20', MX);
    for (let i = 0; i < 70_000; i++) book.note(scanner(i), MX);
    expect(book.opened(MX, BRANCH)).toBe(false);
  });
});
