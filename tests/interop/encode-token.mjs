// Encodes claims into a session token with the real next-auth v4 encoder and prints the token.
// Usage: node encode-token.mjs '<claims JSON>' [maxAgeSeconds]   (secret from NEXTAUTH_SECRET)
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { encode } = require("next-auth/jwt");

const secret = process.env.NEXTAUTH_SECRET;
if (!secret || !process.argv[2]) {
  console.error("usage: NEXTAUTH_SECRET=… node encode-token.mjs '<claims JSON>' [maxAgeSeconds]");
  process.exit(2);
}
const token = JSON.parse(process.argv[2]);
const maxAge = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
process.stdout.write((await encode({ token, secret, maxAge })) + "\n");
