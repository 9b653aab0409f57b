// RADIUS (RFC 2865) packet decoder: header, then the attribute list. Pure; a bad length is
// an anomaly and decoding stops at that attribute (as Wireshark marks the packet malformed).
import type { Anomaly, AnomalyCode } from '../anomaly.js';
import type { RadiusAttribute, RadiusMessage } from '../decode/types.js';
import { ipv4, ipv6, safeText, toHex } from './bytes.js';
import { RADIUS_ATTR, RADIUS_HEADER_LENGTH, RADIUS_MAX_LENGTH, radiusAttribute } from './constants.js';

export function decodeRadius(data: Uint8Array, frame: number): { message?: RadiusMessage; anomalies: Anomaly[] } {
  const anomalies: Anomaly[] = [];
  const flag = (code: AnomalyCode, message: string) => anomalies.push({ layer: 'radius', code, message, frame });

  if (data.length < RADIUS_HEADER_LENGTH) {
    flag('truncated-header', `RADIUS packet of ${data.length} bytes is shorter than the 20-byte header.`);
    return { anomalies };
  }
  const length = (data[2] << 8) | data[3];
  const message: RadiusMessage = {
    code: data[0],
    identifier: data[1],
    length,
    authenticator: toHex(data, 4, 20),
    attributes: [],
    hasEapMessage: false,
    hasMessageAuthenticator: false,
  };

  // The Length field bounds the attributes; octets beyond it are padding (RFC 2865 3).
  let end = length;
  if (length < RADIUS_HEADER_LENGTH || length > RADIUS_MAX_LENGTH) {
    flag('bad-length', `RADIUS Length field ${length} is outside 20..4096.`);
    end = Math.min(data.length, RADIUS_MAX_LENGTH);
  }
  if (end > data.length) {
    flag('truncated-packet', `RADIUS Length field says ${length} bytes but only ${data.length} were captured.`);
    end = data.length;
  }

  let at = RADIUS_HEADER_LENGTH;
  while (at < end) {
    if (end - at < 2) {
      flag('bad-attribute-length', `RADIUS attribute at offset ${at} has no room for its type and length.`);
      break;
    }
    const type = data[at];
    const attrLength = data[at + 1];
    if (attrLength < 2 || at + attrLength > end) {
      flag(
        'bad-attribute-length',
        `RADIUS attribute ${type} at offset ${at} has length ${attrLength}, ` +
          `${attrLength < 2 ? 'below the minimum of 2' : `past the end of the packet (${end})`}.`,
      );
      break;
    }
    const attribute = decodeAttribute(data, type, at + 2, at + attrLength);
    message.attributes.push(attribute);
    noteWellKnown(message, attribute);
    at += attrLength;
  }
  return { message, anomalies };
}

function decodeAttribute(data: Uint8Array, type: number, start: number, end: number): RadiusAttribute {
  const known = radiusAttribute(type);
  const attribute: RadiusAttribute = { type };
  if (known) attribute.name = known[0];
  const size = end - start;
  switch (known?.[1]) {
    case 'text':
      attribute.value = safeText(data, start, end);
      return attribute;
    case 'ipv4':
      if (size === 4) {
        attribute.value = ipv4(data, start);
        return attribute;
      }
      break;
    case 'ipv6':
      if (size === 16) {
        attribute.value = ipv6(data, start);
        return attribute;
      }
      break;
    case 'integer':
      if (size === 4) {
        attribute.number = readU32(data, start);
        return attribute;
      }
      break;
    case 'tagged-integer':
      // One tag byte, then a 24-bit value (RFC 2868 3.1).
      if (size === 4) {
        attribute.number = readU32(data, start) & 0xffffff;
        return attribute;
      }
      break;
    case 'vsa':
      if (size >= 4) {
        attribute.vendorId = readU32(data, start);
        attribute.hex = toHex(data, start + 4, end);
        return attribute;
      }
      break;
  }
  // Octet strings, unknown types, and values of the wrong size for their type.
  attribute.hex = toHex(data, start, end);
  return attribute;
}

function noteWellKnown(message: RadiusMessage, attribute: RadiusAttribute): void {
  switch (attribute.type) {
    case RADIUS_ATTR.USER_NAME:
      message.userName ??= attribute.value;
      break;
    case RADIUS_ATTR.REPLY_MESSAGE:
      // Several Reply-Message attributes are concatenated by clients (RFC 2865 5.18).
      if (attribute.value !== undefined) message.replyMessage = (message.replyMessage ?? '') + attribute.value;
      break;
    case RADIUS_ATTR.NAS_IP_ADDRESS:
      message.nasIp ??= attribute.value;
      break;
    case RADIUS_ATTR.EAP_MESSAGE:
      message.hasEapMessage = true;
      break;
    case RADIUS_ATTR.MESSAGE_AUTHENTICATOR:
      message.hasMessageAuthenticator = true;
      break;
  }
}

function readU32(data: Uint8Array, at: number): number {
  return ((data[at] << 24) >>> 0) + ((data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3]);
}
