// DNS message decoder (RFC 1035 4.1): header, questions and answers. Authority and
// additional sections are not needed for diagnosis and are skipped. Pure and bounded.
import type { Anomaly, AnomalyCode } from '../anomaly.js';
import type { DnsMessage } from '../decode/types.js';
import { ipv4, ipv6, safeText, toHex } from '../radius/bytes.js';
import { DNS_HEADER_LENGTH, DNS_MAX_RECORDS, DNS_TYPE } from './constants.js';
import { readName } from './name.js';

type Flag = (code: AnomalyCode, message: string) => void;

export function decodeDns(data: Uint8Array, frame: number): { message?: DnsMessage; anomalies: Anomaly[] } {
  const anomalies: Anomaly[] = [];
  const flag: Flag = (code, message) => anomalies.push({ layer: 'dns', code, message, frame });
  if (data.length < DNS_HEADER_LENGTH) {
    flag('truncated-header', `DNS message of ${data.length} bytes is shorter than the 12-byte header.`);
    return { anomalies };
  }
  const flags = (data[2] << 8) | data[3];
  const message: DnsMessage = {
    id: (data[0] << 8) | data[1],
    response: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0x0f,
    rcode: flags & 0x0f,
    questions: [],
    answers: [],
  };
  const qdcount = (data[4] << 8) | data[5];
  const ancount = (data[6] << 8) | data[7];

  let at = DNS_HEADER_LENGTH;
  for (let i = 0; i < qdcount; i++) {
    const name = readName(data, at);
    if (!name.ok) {
      flag('bad-name', `DNS question ${i + 1}: ${name.reason}.`);
      return { message, anomalies };
    }
    if (name.next + 4 > data.length) {
      flag('truncated-question', `DNS question ${i + 1} is cut short.`);
      return { message, anomalies };
    }
    if (i < DNS_MAX_RECORDS) {
      message.questions.push({ name: name.name, type: u16(data, name.next), class: u16(data, name.next + 2) });
    }
    at = name.next + 4;
  }
  for (let i = 0; i < ancount; i++) {
    const name = readName(data, at);
    if (!name.ok) {
      flag('bad-name', `DNS answer ${i + 1}: ${name.reason}.`);
      return { message, anomalies };
    }
    const fixed = name.next;
    if (fixed + 10 > data.length) {
      flag('truncated-answer', `DNS answer ${i + 1} is cut short.`);
      return { message, anomalies };
    }
    const type = u16(data, fixed);
    const ttl = ((data[fixed + 4] << 24) >>> 0) + ((data[fixed + 5] << 16) | (data[fixed + 6] << 8) | data[fixed + 7]);
    const rdlength = u16(data, fixed + 8);
    const rdata = fixed + 10;
    if (rdata + rdlength > data.length) {
      flag('truncated-answer', `DNS answer ${i + 1} data of ${rdlength} bytes runs past the end of the message.`);
      return { message, anomalies };
    }
    if (i < DNS_MAX_RECORDS) {
      message.answers.push({ name: name.name, type, ttl, data: renderRdata(data, type, rdata, rdlength, i + 1, flag) });
    }
    at = rdata + rdlength;
  }
  return { message, anomalies };
}

/** DNS over TCP (RFC 1035 4.2.2): the message follows a 2-byte length. */
export function decodeDnsTcp(data: Uint8Array, frame: number): { message?: DnsMessage; anomalies: Anomaly[] } {
  if (data.length < 2) {
    return {
      anomalies: [
        { layer: 'dns', code: 'truncated-header', message: 'DNS over TCP segment has no length prefix.', frame },
      ],
    };
  }
  const length = u16(data, 0);
  const result = decodeDns(data.subarray(2, 2 + length), frame);
  if (data.length - 2 < length) {
    result.anomalies.push({
      layer: 'dns',
      code: 'truncated-message',
      message: `DNS over TCP length prefix says ${length} bytes but only ${data.length - 2} are present.`,
      frame,
    });
  }
  return result;
}

function renderRdata(data: Uint8Array, type: number, start: number, length: number, index: number, flag: Flag): string {
  const end = start + length;
  const rdata = data.subarray(0, end); // names inside rdata may not run past it
  switch (type) {
    case DNS_TYPE.A:
      if (length === 4) return ipv4(data, start);
      break;
    case DNS_TYPE.AAAA:
      if (length === 16) return ipv6(data, start);
      break;
    case DNS_TYPE.NS:
    case DNS_TYPE.CNAME:
    case DNS_TYPE.PTR: {
      const name = readName(rdata, start);
      if (name.ok) return name.name;
      flag('bad-name', `DNS answer ${index} data: ${name.reason}.`);
      break;
    }
    case DNS_TYPE.MX: {
      if (length < 3) break;
      const name = readName(rdata, start + 2);
      if (name.ok) return `${u16(data, start)} ${name.name}`;
      flag('bad-name', `DNS answer ${index} data: ${name.reason}.`);
      break;
    }
    case DNS_TYPE.TXT: {
      const strings: string[] = [];
      let at = start;
      while (at < end) {
        const len = data[at];
        if (at + 1 + len > end) {
          flag('bad-txt', `DNS answer ${index} TXT string overruns its record.`);
          return toHex(data, start, end);
        }
        strings.push(JSON.stringify(safeText(data, at + 1, at + 1 + len)));
        at += 1 + len;
      }
      return strings.join(' ');
    }
  }
  return toHex(data, start, end);
}

function u16(data: Uint8Array, at: number): number {
  return (data[at] << 8) | data[at + 1];
}
