// The clients a suite signs in, closed after its file: `const track = trackClients();` at the top of
// a file (or in a suite factory such as clinicianSuite), then `track(await signUp())`.
import { afterAll } from "vitest";
import type { Client } from "../../tools/emulator-client";

/** Registers an afterAll that closes every client passed to the returned `track`, which returns it. */
export function trackClients(): <T extends Client>(client: T) => T {
  const clients: Client[] = [];
  afterAll(async () => Promise.all(clients.map((c) => c.close())));
  return (client) => (clients.push(client), client);
}
