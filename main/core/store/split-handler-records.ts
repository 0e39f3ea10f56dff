import type { Database } from 'better-sqlite3';
import { targetForAction } from '../../contract/action-name';
import { handlerTargetKey } from '../handler-check';

interface SharedRecord {
  target: string;
  knowledge: string;
  updated_at: number;
}

/**
 * Migration 15's step: what a handler taught was kept per target as configured, one record for
 * every action forwarded to a `.../{action_name}` target; it is now kept per URL a call reached
 * (handlerTargetKey of the target with the action filled in). Each route the history's calls
 * reached gets the shared record as it stood, so no call's details lose what they showed; a
 * route with a record of its own (calls sent to its URL directly) keeps that one, which is about
 * it alone. The shared records are then dropped: nothing reads them any more.
 */
export function splitSharedHandlerRecords(db: Database): void {
  const shared = db
    .prepare<[], SharedRecord>(
      "SELECT target, knowledge, updated_at FROM handlers WHERE target LIKE '%{action_name}%' OR target LIKE '%7Baction_name%7D%'",
    )
    .all();
  // A history that never forwarded to a `{action_name}` target skips reading its calls.
  if (shared.length === 0) return;
  const byKey = new Map(shared.map((record) => [record.target, record]));
  const keep = db.prepare<[string, string, number]>(
    'INSERT INTO handlers (target, knowledge, updated_at) VALUES (?, ?, ?) ON CONFLICT (target) DO NOTHING',
  );
  const reached = db.prepare<[], { handler_target: string; action: string | null }>(
    'SELECT DISTINCT handler_target, action FROM calls WHERE handler_target IS NOT NULL',
  );
  // Few pairs (handlers times actions); read whole, as the driver writes nothing while a read is open.
  for (const { handler_target: target, action } of reached.all()) {
    const record = byKey.get(handlerTargetKey(target));
    if (record && action !== null) keep.run(handlerTargetKey(targetForAction(target, action)), record.knowledge, record.updated_at);
  }
  const drop = db.prepare<[string]>('DELETE FROM handlers WHERE target = ?');
  for (const { target } of shared) drop.run(target);
}
