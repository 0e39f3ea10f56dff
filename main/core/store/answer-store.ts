import type {
  AnswerFileMistake,
  AnswerMode,
  AnswerRoute,
  AnswersWriteRefusal,
  MockDefinition,
  MockFormat,
  StoredMock,
} from '../../contract/api';

/** The mock as written: its text and format, as the developer saved it. */
export interface MockSource {
  text: string;
  format: MockFormat;
}

/** What the server reads to answer a call: the history folder's answers, or the project folder's files. */
export interface AnswerSource {
  /** Moves whenever a mock or a route may have changed, so what is built from them is built again. */
  changeStamp(): number;
  /** The stored definition as JSON text and its version, for callers that cache what they build from it. */
  getMockRow(action: string | null): { definition: string; updatedAt: number } | null;
  getRoute(action: string | null): AnswerRoute | null;
  /**
   * How to give `action`, set to forward, the target it lacks, in words for its 502; without
   * this, the history folder's way (`targets set`).
   */
  targetAdvice?(action: string): string;
  /**
   * The mistake of the answer file that decides where `action` goes (its own file, else
   * `_default.yaml` when its own sets no route), when no good version of that file answers: a
   * companion that read it while it was good may still answer from it. Null when none.
   */
  mistakeDeciding?(action: string): AnswerFileMistake | null;
}

/** Where answers are kept and changed: the history folder's SQLite, or `flowent/answers/` when a project is open. */
export interface AnswerStore extends AnswerSource {
  listMocks(): StoredMock[];
  /**
   * Stores a mock: its parsed definition (what answers) and the text it was written in (what is
   * shown, and what a file keeps); without a source (a mock made from a call) it reads as its definition.
   */
  setMock(action: string | null, definition: MockDefinition, source?: MockSource | null): StoredMock;
  clearMock(action: string | null): boolean;
  clearAllMocks(): number;
  listRoutes(): AnswerRoute[];
  /** Sets the mode and/or the target; `undefined` leaves a field as it is, `null` clears it. */
  setRoute(action: string | null, change: { mode?: AnswerMode | null; target?: string | null }): AnswerRoute;
  clearRoute(action: string | null): boolean;
  clearAllRoutes(): number;
  /**
   * Why this action's answers cannot be changed now (its file has a mistake to fix first, or the
   * project folder is gone), or null; `'all'`: why none can (`clear --all`).
   */
  writeRefusal?(action: string | null | 'all'): AnswersWriteRefusal | null;
}
