/**
 * The prime size in bits of PEM `DH PARAMETERS` (PKCS#3: SEQUENCE { INTEGER p, INTEGER g, … })
 * or `X9.42 DH PARAMETERS` (`openssl dhparam -dsaparam`: SEQUENCE { INTEGER p, INTEGER g,
 * INTEGER q, … }), as `ssl_dhparam` files hold them and OpenSSL reads both; undefined when the
 * text holds no readable DH parameters.
 */
export function dhParamBits(pem: string): number | undefined {
  const match =
    /-----BEGIN (X9\.42 )?DH PARAMETERS-----([\s\S]*?)-----END \1DH PARAMETERS-----/.exec(pem);
  if (!match) return undefined;
  const der = Buffer.from((match[2] ?? '').replace(/\s+/g, ''), 'base64');
  let offset = 0;
  const readLength = (): number | undefined => {
    const first = der[offset++];
    if (first === undefined) return undefined;
    if (first < 0x80) return first;
    const count = first & 0x7f;
    if (count === 0 || count > 4) return undefined;
    let length = 0;
    for (let i = 0; i < count; i++) {
      const byte = der[offset++];
      if (byte === undefined) return undefined;
      length = length * 256 + byte;
    }
    return length;
  };
  if (der[offset++] !== 0x30 || readLength() === undefined) return undefined;
  if (der[offset++] !== 0x02) return undefined;
  let length = readLength();
  if (length === undefined || offset + length > der.length) return undefined;
  // Skip the sign byte and leading zeros of the big-endian prime.
  while (length > 0 && der[offset] === 0) {
    offset++;
    length--;
  }
  const top = der[offset];
  if (top === undefined || length === 0) return undefined;
  return (length - 1) * 8 + (32 - Math.clz32(top));
}
