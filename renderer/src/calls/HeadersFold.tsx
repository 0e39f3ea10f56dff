import type { HeaderPair } from '../../../main/contract/api';
import { isCredentialHeader, REDACTED } from '../../../main/contract/credential-headers';
import { CopyButton } from '../shared/CopyButton';
import { HeadersTable } from '../shared/HeadersTable';

/**
 * Headers as `Name: value` lines, a credential's value (Authorization, Cookie, API keys...) as
 * [redacted], as the HAR export and Copy as cURL leave it out: what is copied ends up in bug
 * reports and chats, and the page shows the value to whoever may read it.
 */
export function headerLines(headers: HeaderPair[]): string {
  return headers.map(([name, value]) => `${name}: ${isCredentialHeader(name) ? REDACTED : value}`).join('\n');
}

/** A message's headers, folded, with a button that copies them as lines. */
export function HeadersFold({ headers, label }: { headers: HeaderPair[]; label: string }) {
  const credentials = [...new Set(headers.filter(([name]) => isCredentialHeader(name)).map(([name]) => name))];
  return (
    <details className="headers-fold">
      <summary>
        {label} ({headers.length})
      </summary>
      {headers.length > 0 && (
        <p className="headers-copy">
          <CopyButton text={headerLines(headers)} what={label.toLowerCase()} />
          {credentials.length > 0 && (
            <span className="muted">
              {credentials.join(', ')} {credentials.length === 1 ? 'is' : 'are'} copied as {REDACTED}.
            </span>
          )}
        </p>
      )}
      <HeadersTable headers={headers} label={label} />
    </details>
  );
}
