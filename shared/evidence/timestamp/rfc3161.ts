// RFC 3161 trusted timestamps with pkijs: the request for a SHA-256 imprint, and the reply read and checked (its
// imprint, its CMS signature, and with a pinned certificate the authority's chain). Pure: WebCrypto through pkijs.
import * as asn1js from 'asn1js';
import { toByteArray } from 'base64-js';
import * as pkijs from 'pkijs';
import { bytesToHex, hexToBytes } from '../bundle/bytes';

const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';
const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';
const EXT_KEY_USAGE_OID = '2.5.29.37';
const TIME_STAMPING_OID = '1.3.6.1.5.5.7.3.8';

/** A fresh ArrayBuffer holding exactly these bytes (asn1js and WebCrypto take ArrayBuffers). */
const bufferOf = (b: Uint8Array): ArrayBuffer => {
  const out = new ArrayBuffer(b.length);
  new Uint8Array(out).set(b);
  return out;
};

/**
 * A TimeStampReq (DER) for a SHA-256 imprint, asking for the authority's certificate in the token so that it can be
 * checked without anything else. `nonce` is random bytes; its top bit is cleared so the INTEGER is positive.
 */
export const timestampRequest = (imprintHex: string, nonce: Uint8Array): Uint8Array => {
  const n = Uint8Array.from(nonce);
  n[0] = ((n[0] ?? 0) & 0x7f) | 0x01;
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: bufferOf(hexToBytes(imprintHex)) }),
    }),
    nonce: new asn1js.Integer({ valueHex: bufferOf(n) }),
    certReq: true,
  });
  return new Uint8Array(req.toSchema().toBER(false));
};

/** What a timestamp token says, read before (and whether or not) it is checked. */
export interface TimestampFacts {
  /** The authority's time, as it signed it. */
  genTime: Date;
  /** The SHA-256 it stamps, in hex (null when the token uses another hash). */
  imprintHex: string | null;
  serialHex: string;
  /** The authority's policy OID. */
  policy: string;
  /** The nonce, in hex, when the token carries one. */
  nonceHex: string | null;
}

interface ParsedReply {
  signed: pkijs.SignedData;
  facts: TimestampFacts;
}

export class TimestampFormatError extends Error {}

const der = (b: Uint8Array | ArrayBuffer): asn1js.AsnType => {
  const parsed = asn1js.fromBER(b instanceof Uint8Array ? bufferOf(b) : b);
  if (parsed.offset === -1) throw new TimestampFormatError('it is not DER');
  return parsed.result;
};

const parse = (reply: Uint8Array): ParsedReply => {
  let resp: pkijs.TimeStampResp;
  try {
    resp = new pkijs.TimeStampResp({ schema: der(reply) });
  } catch (e) {
    throw e instanceof TimestampFormatError ? e : new TimestampFormatError('it is not an RFC 3161 time-stamp reply');
  }
  const status = resp.status.status;
  if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods)
    throw new TimestampFormatError(`the authority refused to stamp (status ${status})`);
  const token = resp.timeStampToken;
  if (!token || token.contentType !== SIGNED_DATA_OID)
    throw new TimestampFormatError('the reply holds no signed timestamp token');
  let signed: pkijs.SignedData;
  let info: pkijs.TSTInfo;
  try {
    signed = new pkijs.SignedData({ schema: token.content });
    const content = signed.encapContentInfo;
    if (content.eContentType !== TST_INFO_OID || !content.eContent) throw new TimestampFormatError('no TSTInfo');
    info = pkijs.TSTInfo.fromBER(content.eContent.getValue());
  } catch {
    throw new TimestampFormatError('the token is not a CMS SignedData over a TSTInfo');
  }
  const imprint = info.messageImprint;
  return {
    signed,
    facts: {
      genTime: info.genTime,
      imprintHex:
        imprint.hashAlgorithm.algorithmId === SHA256_OID
          ? bytesToHex(imprint.hashedMessage.valueBlock.valueHexView)
          : null,
      serialHex: bytesToHex(info.serialNumber.valueBlock.valueHexView),
      policy: info.policy,
      nonceHex: info.nonce ? bytesToHex(info.nonce.valueBlock.valueHexView) : null,
    },
  };
};

/** What a reply says, without checking it; throws TimestampFormatError when it is not a granted RFC 3161 reply. */
export const readTimestampReply = (reply: Uint8Array): TimestampFacts => parse(reply).facts;

/** The certificate in a PEM file (the first), for pinning the authority. */
export const certificateFromPem = (pem: string): pkijs.Certificate => {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1];
  if (!body) throw new TimestampFormatError('the file holds no PEM certificate');
  const bytes = toByteArray(body.replace(/\s+/g, ''));
  try {
    return new pkijs.Certificate({ schema: der(bytes) });
  } catch {
    throw new TimestampFormatError('the PEM certificate cannot be read');
  }
};

export type TimestampCheck =
  | { ok: true; facts: TimestampFacts; pinned: boolean; authority: string }
  | { ok: false; facts: TimestampFacts | null; reason: string };

const nameOf = (cert: pkijs.Certificate | null | undefined): string =>
  cert?.subject.typesAndValues
    .map((t) => `${t.type === '2.5.4.3' ? 'CN' : t.type}=${t.value.valueBlock.value}`)
    .join(', ') ?? 'unknown';

const forTimeStamping = (cert: pkijs.Certificate): boolean => {
  const ext = cert.extensions?.find((e) => e.extnID === EXT_KEY_USAGE_OID);
  const usage = ext?.parsedValue as pkijs.ExtKeyUsage | undefined;
  return usage?.keyPurposes.includes(TIME_STAMPING_OID) ?? false;
};

/**
 * Checks a time-stamp reply over `data`: the imprint is the SHA-256 of `data`, the CMS signature holds with the
 * certificate in the token, and, when `pinned` is given, that certificate chains to it (at the token's time) and is
 * meant for time-stamping. Never throws: what is wrong is the reason.
 */
export const checkTimestampReply = async (
  reply: Uint8Array,
  data: Uint8Array,
  pinned?: pkijs.Certificate,
): Promise<TimestampCheck> => {
  let parsed: ParsedReply;
  try {
    parsed = parse(reply);
  } catch (e) {
    return { ok: false, facts: null, reason: e instanceof Error ? e.message : String(e) };
  }
  const { signed, facts } = parsed;
  const result = await signed
    .verify({
      signer: 0,
      data: bufferOf(data),
      checkChain: pinned !== undefined,
      trustedCerts: pinned ? [pinned] : [],
      extendedMode: true,
    })
    .catch((e: unknown) => ({
      signatureVerified: false,
      signerCertificate: undefined,
      message: e instanceof Error ? e.message : String((e as { message?: unknown }).message ?? e),
    }));
  if (!result.signatureVerified) {
    const message = 'message' in result ? String(result.message) : 'the signature does not hold';
    const reason = /TSTInfo verification/.test(message)
      ? 'its message imprint is not the SHA-256 of what it should stamp'
      : `its signature does not hold (${message})`;
    return { ok: false, facts, reason };
  }
  const signer = result.signerCertificate;
  if (pinned && signer && !forTimeStamping(signer))
    return { ok: false, facts, reason: "the authority's certificate is not one for time-stamping" };
  return { ok: true, facts, pinned: pinned !== undefined, authority: nameOf(signer) };
};
