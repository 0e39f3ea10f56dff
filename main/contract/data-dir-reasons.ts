/**
 * Why a data folder cannot be used, beside the system's own codes (EACCES...): the path is a
 * file, or a folder on the way to it is, or it lies in a file system that takes no new folders
 * (/proc, /sys: mkdir says ENOENT there though the folder above is there). Told apart by what is at the path, not by the call
 * that met it (mkdir says EEXIST, a stat inside ENOTDIR), so every command says it the same way.
 */
export const DATA_DIR_NOT_A_FOLDER = 'not-a-folder';
export const DATA_DIR_PATH_THROUGH_A_FILE = 'path-through-a-file';
export const DATA_DIR_TAKES_NO_FOLDERS = 'takes-no-folders';
