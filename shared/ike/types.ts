// Decoded ISAKMP / IKE messages (IKEv1 RFC 2408/2409, IKEv2 RFC 7296). Numbers stay numbers
// (wire values); names are looked up in the constant tables when shown, so an unknown value
// survives as its number.
import type { Anomaly } from '../anomaly.js';

/** A data attribute (RFC 2408 3.3): TV form carries `value`, TLV form carries `bytes` too. */
export interface IkeAttribute {
  type: number;
  /** Numeric value (TV form, or TLV of up to 4 bytes). */
  value?: number;
  /** Hex of a TLV value longer than 4 bytes. */
  hex?: string;
}

export interface IkeTransform {
  /** Next-payload field of the transform's header (3 = more transforms follow, 0 = last). */
  nextPayload?: number;
  /** IKEv1: transform number; IKEv2: 0. */
  number: number;
  /** IKEv1: transform ID (KEY_IKE = 1 in phase 1, ESP_3DES = 3 … in phase 2). IKEv2: transform ID. */
  id: number;
  /** IKEv2 only: transform type (1 ENCR, 2 PRF, 3 INTEG, 4 DH, 5 ESN). */
  type?: number;
  attributes: IkeAttribute[];
}

export interface IkeProposal {
  /** Next-payload field of the proposal's header (2 = more proposals follow, 0 = last). */
  nextPayload?: number;
  number: number;
  /** Protocol ID: 1 ISAKMP/IKE, 2 AH, 3 ESP (IKEv1 and IKEv2 share these). */
  protocolId: number;
  /** SPI as lower-case hex (may be empty). */
  spi: string;
  transforms: IkeTransform[];
}

/** The generic payload header fields every payload carries. */
export interface IkePayloadHeader {
  /** The payload's own next-payload field (the type of the payload after it; 0 = last). */
  nextPayload?: number;
  /** The payload's length field (header included). */
  length?: number;
}

/** Payload type numbers are those of the wire (IKEv1: 1 SA … 20/130 NAT-D; IKEv2: 33 SA …). */
export type IkePayload = IkePayloadHeader &
  (
    | { type: 'sa'; payloadType: number; doi?: number; situation?: number; proposals: IkeProposal[] }
    | { type: 'ke'; payloadType: number; group?: number; dataLength: number }
    | { type: 'nonce'; payloadType: number; dataLength: number }
    | { type: 'id'; payloadType: number; idType: number; protocol?: number; port?: number; value: string }
    | { type: 'hash'; payloadType: number; hex: string }
    | { type: 'natd'; payloadType: number; hex: string }
    | { type: 'nat-oa'; payloadType: number; idType: number; value: string }
    | { type: 'cert'; payloadType: number; encoding: number; dataLength: number }
    | { type: 'cr'; payloadType: number; encoding: number; dataLength: number }
    | { type: 'sig'; payloadType: number; dataLength: number }
    | { type: 'auth'; payloadType: number; method: number; dataLength: number }
    | {
        type: 'notify';
        payloadType: number;
        doi?: number;
        protocolId: number;
        spi: string;
        notifyType: number;
        dataHex: string;
      }
    | { type: 'delete'; payloadType: number; protocolId: number; spis: string[] }
    | { type: 'vendor-id'; payloadType: number; hex: string; name?: string }
    | { type: 'attributes'; payloadType: number; cfgType: number; identifier?: number; attributes: IkeAttribute[] }
    | {
        type: 'ts';
        payloadType: number;
        selectors: {
          tsType: number;
          protocol: number;
          startPort: number;
          endPort: number;
          start: string;
          end: string;
        }[];
      }
    | {
        type: 'encrypted';
        payloadType: number;
        /** IKEv2 SK(46)/SKF(53): first inner payload */ innerNextPayload: number;
        dataLength: number;
        fragmentNumber?: number;
        totalFragments?: number;
      }
    | {
        type: 'fragment';
        payloadType: number;
        /** Cisco IKEv1 fragment (132) */ id: number;
        number: number;
        last: boolean;
        dataLength: number;
      }
    | { type: 'eap'; payloadType: number; code: number; dataLength: number }
    | { type: 'other'; payloadType: number; dataLength: number }
  );

export interface IsakmpMessage {
  /** Initiator cookie / SPI: 16 lower-case hex digits. */
  ispi: string;
  /** Responder cookie / SPI: 16 lower-case hex digits. */
  rspi: string;
  /** The header's next-payload field: the type of the first payload. */
  nextPayload: number;
  /** "1.0", "2.0" (major.minor of the version byte). */
  version: string;
  majorVersion: number;
  exchangeType: number;
  flags: number;
  /** IKEv1 E flag (0x01): the payloads after the header are encrypted. */
  encrypted: boolean;
  /** IKEv2 I flag (0x08): sent by the original initiator. */
  initiatorFlag?: boolean;
  /** IKEv2 R flag (0x20): a response. */
  responseFlag?: boolean;
  /** 8 lower-case hex digits. */
  messageId: string;
  /** Header length field. */
  length: number;
  /** Cleartext payloads decoded, in order. An IKEv1 encrypted body is not listed here. */
  payloads: IkePayload[];
  /** Length of the opaque encrypted body (IKEv1 E flag). */
  encryptedLength?: number;
  anomalies: Anomaly[];
}
