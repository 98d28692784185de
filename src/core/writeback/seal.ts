/**
 * libsodium's sealed box (crypto_box_seal: X25519 and XSalsa20-Poly1305), as GitHub requires for
 * secret values. libsodium-wrappers is loaded only when a write-back runs: it is most of the
 * size of the chunk that holds it, and a run without write-back never loads it.
 */
export async function sealBox(value: string, publicKeyBase64: string): Promise<string> {
  const { default: sodium } = await import('libsodium-wrappers');
  await sodium.ready;
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), key);
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}
