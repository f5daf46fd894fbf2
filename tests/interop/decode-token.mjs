// Decodes a session token with the real next-auth v4 decoder and prints its payload as JSON.
// Usage: node decode-token.mjs [token]   (token from stdin when absent or "-")
// The secret comes from NEXTAUTH_SECRET (or the second argument). Exit status 1 when decode rejects.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { decode } = require("next-auth/jwt");

const tokenArgument = process.argv[2];
const token = (tokenArgument && tokenArgument !== "-" ? tokenArgument : readFileSync(0, "utf8")).trim();
const secret = process.argv[3] ?? process.env.NEXTAUTH_SECRET;
if (!secret) {
  console.error("decode-token: no secret (set NEXTAUTH_SECRET or pass it as the second argument)");
  process.exit(2);
}

try {
  const payload = await decode({ token, secret });
  process.stdout.write(JSON.stringify(payload) + "\n");
} catch (error) {
  console.error(`decode-token: rejected: ${error.code ?? error.name}: ${error.message}`);
  process.exit(1);
}
