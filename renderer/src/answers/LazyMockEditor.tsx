import type { MockEditorProps } from './MockEditor';
import { LazyPart, retryableLazy } from '../shared/LazyPart';
import { partLoadingWords } from '../../../main/contract/words';

// CodeMirror (JSON and YAML modes, line numbers) is loaded when an editor is first shown, not
// at first paint; one lazy part for every editor of the page, so a retry loads it for all.
const MockEditor = retryableLazy<MockEditorProps>(() => import('./MockEditor'));

/** The mock editor, loaded when first shown, saying so in place when it cannot be. */
export function LazyMockEditor(props: MockEditorProps) {
  return (
    <LazyPart part="editor" loading={<p className="muted">{partLoadingWords('editor')}</p>} retry={MockEditor.retry}>
      <MockEditor {...props} />
    </LazyPart>
  );
}
