/** How each shell words its errors: busybox ash, Debian dash, or bash. */
import type { FsError, ShellFlavour } from './system.ts';

export interface ShellVoice {
  flavour: ShellFlavour;
  /** What the shell was started as: `sh`, `/bin/sh`, `bash`. */
  argv0: string;
  interactive: boolean;
  /** Line of the script (or command number when interactive), as dash and bash count it. */
  line: number;
}

export function notFound(v: ShellVoice, name: string): string {
  const isPath = name.includes('/');
  switch (v.flavour) {
    case 'bash':
      if (isPath) return v.interactive ? `${v.argv0}: ${name}: No such file or directory` : `${v.argv0}: line ${v.line}: ${name}: No such file or directory`;
      return v.interactive ? `${v.argv0}: ${name}: command not found` : `${v.argv0}: line ${v.line}: ${name}: command not found`;
    case 'dash':
      return `${v.argv0}: ${v.line}: ${name}: not found`;
    case 'ash':
      return `${v.argv0}: ${name}: not found`;
  }
}

export function permissionDenied(v: ShellVoice, name: string): string {
  switch (v.flavour) {
    case 'bash':
      return v.interactive ? `${v.argv0}: ${name}: Permission denied` : `${v.argv0}: line ${v.line}: ${name}: Permission denied`;
    case 'dash':
      return `${v.argv0}: ${v.line}: ${name}: Permission denied`;
    case 'ash':
      return `${v.argv0}: ${name}: Permission denied`;
  }
}

/** The parser speaks dash (`Syntax error: "fi" unexpected`); the others reword it. */
export function syntaxError(v: ShellVoice, message: string, line: number): string[] {
  const core = message.replace(/^Syntax error: /, '');
  switch (v.flavour) {
    case 'bash': {
      const token = /^"(.*)" unexpected/.exec(core)?.[1];
      const where = v.interactive ? `${v.argv0}` : `${v.argv0}: -c: line ${line}`;
      if (token) return [`${where}: syntax error near unexpected token \`${token}'`];
      if (/end of file|Unterminated/.test(core)) return [`${where}: syntax error: unexpected end of file`];
      return [`${where}: syntax error: ${core}`];
    }
    case 'dash':
      return [`${v.argv0}: ${line}: ${message}`];
    case 'ash': {
      const token = /^"(.*)" unexpected/.exec(core)?.[1];
      if (token) return [`${v.argv0}: syntax error: unexpected "${token}"`];
      if (/end of file/.test(core)) return [`${v.argv0}: syntax error: unexpected end of file`];
      if (/Unterminated/.test(core)) return [`${v.argv0}: syntax error: unterminated quoted string`];
      return [`${v.argv0}: syntax error: ${core}`];
    }
  }
}

export function cdFailed(v: ShellVoice, dir: string, err: FsError): string {
  const why = errnoText(err);
  switch (v.flavour) {
    case 'bash':
      return v.interactive ? `${v.argv0}: cd: ${dir}: ${why}` : `${v.argv0}: line ${v.line}: cd: ${dir}: ${why}`;
    case 'dash':
      return `${v.argv0}: ${v.line}: cd: can't cd to ${dir}`;
    case 'ash':
      return `${v.argv0}: cd: can't cd to ${dir}: ${why}`;
  }
}

/** `sh: 1: cannot create /x/y: Directory nonexistent` and friends, for `>` redirections. */
export function cannotCreate(v: ShellVoice, path: string, err: FsError): string {
  switch (v.flavour) {
    case 'bash':
      return `${v.argv0}: ${v.interactive ? '' : `line ${v.line}: `}${path}: ${errnoText(err)}`;
    case 'dash':
      return `${v.argv0}: ${v.line}: cannot create ${path}: ${err === 'ENOENT' ? 'Directory nonexistent' : errnoText(err)}`;
    case 'ash':
      return `${v.argv0}: can't create ${path}: ${errnoText(err)}`;
  }
}

export function cannotOpen(v: ShellVoice, path: string, err: FsError): string {
  switch (v.flavour) {
    case 'bash':
      return `${v.argv0}: ${v.interactive ? '' : `line ${v.line}: `}${path}: ${errnoText(err)}`;
    case 'dash':
      return `${v.argv0}: ${v.line}: cannot open ${path}: ${err === 'ENOENT' ? 'No such file' : errnoText(err)}`;
    case 'ash':
      return `${v.argv0}: can't open '${path}': ${errnoText(err)}`;
  }
}

/** strerror() texts. */
export function errnoText(err: FsError): string {
  switch (err) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'ENOTDIR':
      return 'Not a directory';
    case 'EISDIR':
      return 'Is a directory';
    case 'EROFS':
      return 'Read-only file system';
    case 'EACCES':
      return 'Permission denied';
    case 'EEXIST':
      return 'File exists';
    case 'ENOTEMPTY':
      return 'Directory not empty';
    case 'ELOOP':
      return 'Too many levels of symbolic links';
    case 'EBUSY':
      return 'Device or resource busy';
  }
}
