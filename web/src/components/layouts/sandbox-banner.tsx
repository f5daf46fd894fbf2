// Shown on every page while the server runs in sandbox mode, so nobody mistakes a test for a send.
export function SandboxBanner() {
  return (
    <div role="note" className="border-b border-amber-300 bg-amber-100 px-4 py-2 text-center text-sm font-semibold text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      Sandbox mode: messages go to the built-in simulator, nothing is sent to real phones
    </div>
  );
}
