/** Runs once when the server starts, before it serves a request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installClientAddressHook } = await import("@/lib/client-address-hook");
  installClientAddressHook();
}
