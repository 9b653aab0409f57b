// Damage a classic pcap file on purpose, for the damaged-capture scenarios (make-captures.sh).
//   node damage-pcap.mjs IN OUT record-length N LEN  : record N's incl_len (header bytes 8-11) := LEN
//   node damage-pcap.mjs IN OUT linktype TYPE          : the global header's network (bytes 20-23) := TYPE
// Prints the file offset and the old and new bytes. Only these four bytes change.
import { readFileSync, writeFileSync } from 'node:fs';

const [, , inPath, outPath, what, a, b] = process.argv;
const buf = readFileSync(inPath);
const magic = buf.readUInt32LE(0);
if (magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) throw new Error('not a little-endian classic pcap');

function put(offset, value) {
  const old = buf.subarray(offset, offset + 4).toString('hex');
  buf.writeUInt32LE(value >>> 0, offset);
  console.log(
    `offset ${offset} (0x${offset.toString(16)}): ${old} -> ${buf.subarray(offset, offset + 4).toString('hex')}`,
  );
}

if (what === 'record-length') {
  const target = Number(a);
  let off = 24;
  for (let n = 1; n < target; n++) off += 16 + buf.readUInt32LE(off + 8);
  console.log(
    `record ${target} header at ${off}, incl_len was ${buf.readUInt32LE(off + 8)}, orig_len ${buf.readUInt32LE(off + 12)}`,
  );
  put(off + 8, Number(b));
} else if (what === 'linktype') {
  console.log(`linktype was ${buf.readUInt32LE(20)}`);
  put(20, Number(a));
} else {
  throw new Error('usage: damage-pcap.mjs IN OUT record-length N LEN | linktype TYPE');
}
writeFileSync(outPath, buf);
