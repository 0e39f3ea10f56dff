import { useState } from 'react';
import type { SignatureReport, StyleResult } from '../../../main/contract/api';
import { Prose } from '../shared/Prose';
import { CanonicalView } from './CanonicalView';
import { CopyButton } from '../shared/CopyButton';
import { groupStyles } from './style-groups';
import {
  describeTimestamp,
  isTimestampRemark,
  leadDiagnosis,
  NO_STYLE_TRIED,
  noStyleMatchedWords,
  NOTHING_TO_MATCH,
  styleFoldWords,
  WHAT_TO_DO_LEAD,
} from '../../../main/contract/words';
import { cap } from '../../../main/contract/words/said';
import { PAGE_VOCABULARY } from '../page/page-words';

/** What to do about a call that arrived without a key (NO_STYLE_TRIED): nothing was compared. */
const NOT_TRIED_HINT =
  `${cap(PAGE_VOCABULARY.setHmacKey)} (copy it from Gateway Management > HMAC Keys), ` +
  'then replay this call to this companion: the replay is checked against every style.';

/**
 * The signature's details, below the request and the answer: the verdict line above has
 * already said what matched or why nothing did. Styles that signed the same bytes share a
 * row; every style's own row is one click away.
 */
export function SignaturePanel({ report, requestRefused }: { report: SignatureReport; requestRefused: boolean }) {
  const [everyStyle, setEveryStyle] = useState(false);
  const matched = report.styles.find((s) => s.style === report.style) ?? report.styles.find((s) => s.matched);
  const signed = report.received !== null;
  // Without a key when the call arrived no style was tried: no expected digest, no rows of crosses.
  const tried = report.styles.some((s) => s.expected !== null);
  // The verdict line says the lead diagnosis and any timestamp remark; the others are said here, once.
  const inLine = report.verdict === 'valid' ? null : leadDiagnosis(report.diagnosis);
  const more = report.diagnosis.filter((d) => d !== inLine && !isTimestampRemark(d));
  // Only a received signature is worth comparing row by row; unsigned calls keep the table folded away.
  const folded = signed && tried ? groupStyles(report.styles) : [];
  const shownGroups = report.verdict === 'valid' ? folded.filter((g) => g.matched) : folded;
  return (
    <section className="signature-panel" aria-label="Signature">
      <h3>Signature details</h3>
      <p data-testid="matched-style">
        {matched ? (
          <>
            Matched style: <strong>{matched.label}</strong>
          </>
        ) : signed && !tried ? (
          NO_STYLE_TRIED
        ) : signed ? (
          noStyleMatchedWords(report.styles.length)
        ) : (
          NOTHING_TO_MATCH
        )}
      </p>
      {/* A call refused for its request would be refused again when replayed, key or not. */}
      {report.verdict === 'no-key' && !requestRefused && (
        <p className="hint" data-testid="not-tried-hint">
          <span className="what-to-do">{WHAT_TO_DO_LEAD}</span> {NOT_TRIED_HINT}
        </p>
      )}
      {signed && (
        <p className="received-line">
          Received: <code data-testid="received-signature">{report.received}</code>{' '}
          <CopyButton text={report.received ?? ''} what="received signature" />
        </p>
      )}
      {tried && report.styles.length > 0 && !everyStyle && shownGroups.length > 0 && (
        <StylesTable
          label="Expected signature per style"
          head="Styles"
          verdict={report.verdict}
          rows={shownGroups.map((g) => ({ label: groupLabel(g.styles), style: g.styles[0]!, matched: g.matched }))}
        />
      )}
      {tried && report.styles.length > 0 && everyStyle && (
        <StylesTable
          label="Every style"
          head="Style"
          verdict={report.verdict}
          rows={report.styles.map((s) => ({ label: s.label, style: s, matched: s.matched }))}
        />
      )}
      {tried && report.styles.length > 0 && (
        <button type="button" className="link-button" aria-expanded={everyStyle} onClick={() => setEveryStyle(!everyStyle)}>
          {styleFoldWords(everyStyle, report.styles.length)}
        </button>
      )}
      {more.length > 0 && (
        <ul className="diagnosis" aria-label="More findings">
          {more.map((d) => (
            <li key={d.code} data-code={d.code}>
              <Prose text={d.message} />
              <div className="hint">
                <Prose text={d.hint} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <p className={`timestamp ts-${report.timestamp.flag}`} data-testid="timestamp-age">
        Timestamp: {describeTimestamp(report.timestamp)}
      </p>
      {report.styles.length > 0 && (
        <CanonicalView
          key={report.styles.map((s) => s.style).join()}
          styles={report.styles}
          matchedStyle={report.style}
          compareFirst={report.verdict !== 'valid' && signed && tried}
        />
      )}
    </section>
  );
}

interface StyleRow {
  label: string;
  /** The style whose expected digest the row shows (the first of a folded group). */
  style: StyleResult;
  matched: boolean;
}

function StylesTable({
  label,
  head,
  rows,
  verdict,
}: {
  label: string;
  head: string;
  rows: StyleRow[];
  verdict: SignatureReport['verdict'];
}) {
  return (
    <table className="styles-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">Expected</th>
          <th scope="col">Match</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.style.style} className={row.matched ? 'matched' : undefined}>
            <td>{row.label}</td>
            <td>
              {/* A valid call lacks a digest only when its key changed since (the findings say so). */}
              <code>{row.style.expected ?? (verdict === 'valid' ? '(not computed)' : '(no key)')}</code>
              {/* To compare with what a handler computes: the digest shown, never the key it was made with. */}
              {row.style.expected !== null && <CopyButton text={row.style.expected} what={`expected signature, ${row.label}`} />}
            </td>
            <td className={row.matched ? 'match-yes' : 'match-no'} aria-label={row.matched ? 'matches' : 'does not match'}>
              {row.matched ? '✓' : '✗'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function groupLabel(styles: StyleResult[]): string {
  if (styles.length === 1) return styles[0]!.label;
  return `${styles[0]!.label} and ${styles.length - 1} more style${styles.length === 2 ? '' : 's'} (same bytes)`;
}
