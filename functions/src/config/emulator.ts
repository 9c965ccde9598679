/** Whether the functions run in the Firebase emulator (which sets FUNCTIONS_EMULATOR). */
export const inEmulator = (env: NodeJS.ProcessEnv = process.env) => env.FUNCTIONS_EMULATOR === "true";

/**
 * A URL a phone on the developer's network can open: in the emulator, when AROGYA_EMULATOR_HOST
 * names the LAN address the emulators listen on (tools/emulators.mjs), a loopback host
 * (127.0.0.1, localhost) becomes that address. Signed Storage URLs and prescription QR links go
 * through it; in production (or without the variable) the URL is returned as it is.
 */
export function reachableUrl(url: string, env: NodeJS.ProcessEnv = process.env): string {
  const host = env.AROGYA_EMULATOR_HOST;
  if (!inEmulator(env) || !host) return url;
  try {
    const parsed = new URL(url);
    if (parsed.hostname !== "127.0.0.1" && parsed.hostname !== "localhost") return url;
    parsed.hostname = host;
    return url.endsWith("/") || parsed.pathname !== "/"
      ? parsed.toString()
      : parsed.toString().replace(/\/$/, "");
  } catch {
    return url;
  }
}
