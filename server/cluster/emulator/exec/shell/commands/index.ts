/** Every simulated program, by the name its file on the image's PATH runs. */
import type { CommandTable } from '../command.ts';
import { curl } from './curl.ts';
import { fileCommands } from './files.ts';
import { ls } from './ls.ts';
import { netCommands } from './net.ts';
import { programCommands } from './programs.ts';
import { systemCommands } from './system.ts';
import { tar } from './tar.ts';
import { textCommands } from './text.ts';

export const commands: CommandTable = {
  ...fileCommands,
  ...textCommands,
  ...systemCommands,
  ...netCommands,
  ...programCommands,
  ls,
  curl,
  tar,
};
