/** Every command, in the order `branchdesk --help` lists them; groups (branches list) by their first word. */
import type { CommandSpec } from "../command";
import { audit } from "./audit";
import { branchesList, branchesShow } from "./branches";
import { hostsSearch, hostsShow } from "./hosts";
import { apply, cancel, resume, rollout, rollouts } from "./rollouts";
import { ssh } from "./ssh";
import { tokensCreate, tokensList, tokensRevoke } from "./tokens";
import { exportCommand, importCommand } from "./transfer";
import { usersCreate, usersList, usersUpdate } from "./users";

export const COMMANDS: readonly CommandSpec[] = [
  branchesList,
  branchesShow,
  hostsSearch,
  hostsShow,
  apply,
  rollouts,
  rollout,
  resume,
  cancel,
  audit,
  usersList,
  usersCreate,
  usersUpdate,
  tokensList,
  tokensCreate,
  tokensRevoke,
  importCommand,
  exportCommand,
  ssh,
];

/** `branchdesk branches` alone runs `branches list`. */
export const GROUP_DEFAULTS: Readonly<Record<string, string>> = {
  branches: "list",
  users: "list",
  tokens: "list",
};
