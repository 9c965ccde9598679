/** Whether the functions run in the Firebase emulator (which sets FUNCTIONS_EMULATOR). */
export const inEmulator = (env: NodeJS.ProcessEnv = process.env) => env.FUNCTIONS_EMULATOR === "true";
