import { conversationDocSchema, type ConversationDoc } from "../schemas/documents/inbound";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { ConversationDoc };

/** `conversations/{phoneKey}`: the SMS conversation with one phone; functions only, TTL on `expireAt`. */
const conversations = () =>
  db().collection(COLLECTIONS.conversations).withConverter(converterFor(conversationDocSchema));

export const conversationRef = (key: string) => conversations().doc(key);

export function getConversation(key: string): Promise<ConversationDoc | null> {
  return readDoc(conversationRef(key));
}

/** Replaces the conversation (one writer per phone: the webhook answering that phone). */
export async function setConversation(key: string, conversation: ConversationDoc): Promise<void> {
  await conversationRef(key).set(conversation);
}
