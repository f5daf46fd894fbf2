// The history shows the recipients of one send together: neighbouring messages of the same send
// request (they share their creation time, so they are neighbours in the newest-first list) form
// one group with the send's total cost.
import type { Message } from '@/features/history/types';

export type SendGroup = { key: string; messages: Message[]; totalAmount: string | null };

// The sum of the messages' costs, or null while any of them is not known yet.
export function totalCost(messages: Message[]): string | null {
  let sum = 0;
  for (const message of messages) {
    const amount = message.totalAmount === null ? Number.NaN : Number(message.totalAmount);
    if (!Number.isFinite(amount)) return null;
    sum += amount;
  }
  return String(sum);
}

export function groupBySend(messages: Message[]): SendGroup[] {
  const groups: SendGroup[] = [];
  for (const message of messages) {
    const last = groups[groups.length - 1];
    const sameSend = last && message.requestId !== '' && last.messages[0]?.requestId === message.requestId;
    if (sameSend) last.messages.push(message);
    else groups.push({ key: message.id, messages: [message], totalAmount: null });
  }
  for (const group of groups) group.totalAmount = totalCost(group.messages);
  return groups;
}
