import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { rxKeyDocSchema, type RxKeyDoc } from "../schemas/documents/rxKeys";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc, readQuery } from "./firestore";

export type { RxKeyDoc };

/** `rxKeys/{keyId}`: public halves of the prescription signing keys (schemas/documents/rxKeys.ts). */
const rxKeys = () => db().collection(COLLECTIONS.rxKeys).withConverter(converterFor(rxKeyDocSchema));
const rxKeyRef = (keyId: string) => rxKeys().doc(keyId);

export function getRxKey(keyId: string, tx?: Transaction): Promise<RxKeyDoc | null> {
  return readDoc(rxKeyRef(keyId), tx);
}

/** Every published key, oldest first. */
export async function findRxKeys(): Promise<RxKeyDoc[]> {
  return readQuery(rxKeys().orderBy("createdAt"));
}

/** In `tx`: publishes a key (the signer's own, before it signs with it). */
export function createRxKey(tx: Transaction, key: RxKeyDoc): void {
  tx.create(rxKeyRef(key.keyId), key);
}

/**
 * A rotation (tools/rotate-rx-key.ts): the new key is published as the signing one and every
 * other key as retired (from `at`, unless retired before), in one transaction, before the secret
 * changes: no prescription is ever signed by a key the key set does not hold.
 */
export async function publishRotation(
  next: { keyId: string; publicKeyPem: string },
  previous: Array<{ keyId: string; publicKeyPem: string }>,
  at: Date,
): Promise<void> {
  const when = Timestamp.fromDate(at);
  await db().runTransaction(async (tx) => {
    const known = await tx.get(rxKeys());
    const stored = new Map(known.docs.map((d) => [d.id, d.data()]));
    for (const p of previous) {
      if (p.keyId === next.keyId) continue;
      const before = stored.get(p.keyId);
      tx.set(rxKeyRef(p.keyId), {
        keyId: p.keyId,
        publicKeyPem: p.publicKeyPem,
        createdAt: before?.createdAt ?? when,
        retiredAt: before?.retiredAt ?? when,
      });
    }
    for (const [keyId, doc] of stored)
      if (keyId !== next.keyId && !doc.retiredAt) tx.set(rxKeyRef(keyId), { ...doc, retiredAt: when });
    tx.set(rxKeyRef(next.keyId), {
      keyId: next.keyId,
      publicKeyPem: next.publicKeyPem,
      createdAt: stored.get(next.keyId)?.createdAt ?? when,
      retiredAt: null,
    });
  });
}
