// "Transactional": the sender says this is not marketing (a code, a receipt), so quiet hours do
// not hold it. Off by default, and off again after each send.
export function TransactionalCheckbox({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="flex items-start gap-2">
      <input
        id="send-transactional"
        type="checkbox"
        className="mt-1 h-4 w-4 rounded border-gray-400 text-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:border-gray-600"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby="send-transactional-hint"
      />
      <div>
        <label htmlFor="send-transactional" className="text-sm font-medium text-gray-900 dark:text-gray-100">
          Transactional message
        </label>
        <p id="send-transactional-hint" className="text-sm text-gray-700 dark:text-gray-300">
          A code, a receipt or an alert the recipient asked for: sent at once, even in quiet hours. Leave it off for marketing.
        </p>
      </div>
    </div>
  );
}
