import { useMemo, useRef, useState } from 'react';
import { base64ToBytes, hexDump, isUtf8 } from '../shared/bytes';
import { CopyButton } from '../shared/CopyButton';
import { JsonView } from '../shared/JsonView';
import { ScrollText } from '../shared/ScrollText';
import { TabRow, type TabOf } from '../shared/TabRow';

type Tab = 'pretty' | 'raw' | 'hex' | 'base64';
const TABS: TabOf<Tab>[] = [
  { id: 'pretty', label: 'Pretty' },
  { id: 'raw', label: 'Raw' },
  { id: 'hex', label: 'Hex' },
  { id: 'base64', label: 'Base64' },
];

/** The request body: coloured JSON, the exact text, and the bytes as hex or base64. */
export function BodyView({ text, base64 }: { text: string; base64: string }) {
  const [tab, setTab] = useState<Tab>('pretty');
  const tabButtons = useRef(new Map<Tab, HTMLButtonElement>());
  const dump = useMemo(() => {
    if (tab !== 'hex') return null;
    try {
      return hexDump(base64ToBytes(base64));
    } catch {
      return { text: '(the body bytes could not be decoded)', truncated: false };
    }
  }, [tab, base64]);
  const utf8 = useMemo(() => {
    try {
      return isUtf8(base64ToBytes(base64));
    } catch {
      return true;
    }
  }, [base64]);
  return (
    <div className="body-tabs">
      <div className="body-tabs-bar">
        <TabRow tabs={TABS} current={tab} onChoose={setTab} label="Request body view" tabClassName="tab" buttons={tabButtons} />
        <div className="body-copy">
          <CopyButton text={text} what="request body" />
          <CopyButton text={base64} what="request body" label="Copy base64" />
        </div>
      </div>
      {/* Only the text views show � for unreadable bytes: Hex and Base64 show the bytes themselves,
          so there the note would explain nothing and offer a view already shown. */}
      {!utf8 && (tab === 'pretty' || tab === 'raw') && (
        <p className="body-note" role="note" aria-label="Body encoding">
          This body is not valid UTF-8 text: bytes that could not be read show as �.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setTab('hex');
              // The note (and this button) goes once Hex is shown: keep the keyboard focus on the page.
              tabButtons.current.get('hex')?.focus();
            }}
          >
            Show the bytes in Hex
          </button>
        </p>
      )}
      <div role="tabpanel">
        {tab === 'pretty' && <JsonView text={text} label="Request body" />}
        {tab === 'raw' && (
          <ScrollText label="Raw request body" className="raw">
            {text}
          </ScrollText>
        )}
        {tab === 'hex' && dump && (
          <ScrollText label="Request body bytes (hex)" className="hex">
            {dump.text}
            {dump.truncated && '\n… (first 64 KB shown)'}
          </ScrollText>
        )}
        {tab === 'base64' && (
          <ScrollText label="Request body bytes (base64)" className="base64">
            {base64}
          </ScrollText>
        )}
      </div>
    </div>
  );
}
