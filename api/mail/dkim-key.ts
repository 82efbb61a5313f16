import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** RSA modulus length of generated keys, and the minimum accepted for signing. */
export const DKIM_RSA_BITS = 2048;

// A DNS TXT record stores its value as strings of at most 255 bytes each
// (RFC 1035), and DKIM verifiers join them back together.
const TXT_STRING_MAX_LENGTH = 255;

/** A new DKIM key pair: the private key as PKCS #8 PEM, the public key as base64 DER for the `p=` tag. */
export interface DkimKeyPair {
  privateKeyPem: string;
  publicKeyBase64: string;
}

/** The DNS record that publishes a DKIM public key. */
export interface DkimDnsRecord {
  /** Owner name, such as "mail2026._domainkey.example.com". */
  name: string;
  /** Full record value, such as "v=DKIM1; k=rsa; p=MIIBIjAN…". */
  value: string;
  /** The value split into strings of at most 255 characters, as a zone file or DNS panel needs. */
  strings: string[];
  /** One zone file line: `name IN TXT "…" "…"`. */
  zoneLine: string;
}

/** Generates an RSA 2048 key pair for DKIM signing. */
export function generateDkimKeyPair(): DkimKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: DKIM_RSA_BITS });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyBase64: encodePublicKey(publicKey),
  };
}

/**
 * Parses a PEM private key and checks that it can sign DKIM mail that
 * receivers accept: RSA of at least 2048 bits, because Gmail and others treat
 * shorter keys as weak.
 *
 * Throws "… is not a PEM private key" or "… must be an RSA key …" errors that
 * start with `label`, so the caller's message names the file or setting.
 */
export function parseDkimPrivateKey(pem: string, label: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`${label} is not a PEM private key: ${(error as Error).message}`);
  }

  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (key.asymmetricKeyType !== 'rsa' || bits === undefined || bits < DKIM_RSA_BITS) {
    const found = key.asymmetricKeyType === 'rsa' ? `an RSA key of ${bits} bits` : `a ${key.asymmetricKeyType} key`;
    throw new Error(
      `${label} must be an RSA key of at least ${DKIM_RSA_BITS} bits, but it is ${found}. ` +
        'Generate one with: npm run dkim -- generate --domain <domain> --selector <selector>',
    );
  }
  return key;
}

/** Returns the public half of a private key, as base64 DER for the `p=` tag. */
export function derivePublicKeyBase64(privateKey: KeyObject): string {
  return encodePublicKey(createPublicKey(privateKey));
}

/** Formats the TXT record that publishes `publicKeyBase64` under `selector` for `domain`. */
export function formatDkimDnsRecord(domain: string, selector: string, publicKeyBase64: string): DkimDnsRecord {
  const name = `${selector}._domainkey.${domain}`;
  const value = `v=DKIM1; k=rsa; p=${publicKeyBase64}`;
  const strings: string[] = [];
  for (let start = 0; start < value.length; start += TXT_STRING_MAX_LENGTH) {
    strings.push(value.slice(start, start + TXT_STRING_MAX_LENGTH));
  }
  const zoneLine = `${name}. IN TXT ${strings.map((part) => `"${part}"`).join(' ')}`;
  return { name, value, strings, zoneLine };
}

// SubjectPublicKeyInfo DER, the form that `openssl rsa -pubout` writes and
// that DKIM verifiers accept in the p= tag.
function encodePublicKey(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}
