import type { RateLimitPolicy } from "../domain/operations/rateLimit";

/**
 * Inbound SMS and voice-line requests per phone number (services/inbound/rateLimit.ts): far
 * above a person texting or pressing keys, low enough that a script (or a forged sender number)
 * cannot make the platform search and answer without limit. Not scaled in the emulator (the
 * tests show the limit).
 */
export const INBOUND_RATE_LIMIT: RateLimitPolicy = { limit: 20, windowSeconds: 600 };
