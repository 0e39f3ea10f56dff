import type { Result } from '../contract/api';
import type { ProjectState } from '../contract/project';
import type { ProjectMissing } from '../contract/shared';
import { inDesktopWords } from './desktop-words';

interface OpenOptions {
  title: string;
  buttonLabel: string;
  properties: Array<'openDirectory' | 'createDirectory'>;
}

export interface ProjectDialogLike<W> {
  showOpenDialog(window: W, options: OpenOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showOpenDialog(options: OpenOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showErrorBox(title: string, content: string): void;
}

/**
 * File > Open Project Folder...: the user picks the folder (the project, or its flowent/) in
 * the system dialog, here in main; the page never names a path. Its answer files answer calls
 * from then on, and the page shows the project through the project-changed event.
 */
export async function openProjectFolder<W>(
  dialog: ProjectDialogLike<W>,
  openProject: (dir: string) => Result<ProjectState, ProjectMissing>,
  parent: () => W | null,
): Promise<void> {
  const options: OpenOptions = { title: 'Open Project Folder', buttonLabel: 'Open', properties: ['openDirectory'] };
  const window = parent();
  const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const dir = chosen.filePaths[0];
  if (chosen.canceled || dir === undefined) return;
  const opened = openProject(dir);
  if (!opened.ok) dialog.showErrorBox('The project folder could not be opened', inDesktopWords(opened));
}
